package dev.autolabel.calibration;

import dev.autolabel.label.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The config file a calibration writes for the next run to include (last, so that its keys win):
 * {@code precision.class-thresholds}, {@code precision.disabled-classes}, {@code open-vocab.label-thresholds},
 * {@code open-vocab.disabled-labels} for the decided classes, and the {@code calibration} provenance block. Keys are
 * quoted, so any class name is safe. Undecided classes are left out: they keep the including config's thresholds.
 */
public final class CalibrationConfig {

    private CalibrationConfig() {
    }

    public static String render(CalibrationResult result) {
        List<String> lines = new ArrayList<>();
        lines.add("# Written by `autolabel calibrate` (" + result.name() + ", " + result.calibratedAt() + ") from review set");
        lines.add("# " + result.reviewSet() + " of run " + result.reviewedRun() + ".");
        lines.add(String.format(Locale.ROOT, "# Rule: per pass and class, the lowest threshold whose %s %.0f%% interval's lower"
                + " bound reaches precision %s.", result.method().cliName(), 100 * result.confidence(), number(result.target())));
        lines.add("# Include it at the END of the run config (later keys win):  include \"<this file>\"");
        for (ClassDecision d : result.decisions()) {
            lines.add("#   " + d.key() + ": " + d.outcome().name().toLowerCase(Locale.ROOT)
                    + d.threshold().map(t -> " at " + threshold(t)).orElse("") + " (" + d.reason() + ")");
        }
        lines.add("autolabel {");
        section(lines, result, Source.PRECISE, "precision", "class-thresholds", "disabled-classes");
        section(lines, result, Source.OPEN_VOCAB, "open-vocab", "label-thresholds", "disabled-labels");
        lines.add("  calibration {");
        lines.add("    reviewed-run = " + quoted(result.reviewedRun()));
        lines.add("    review-set = " + quoted(result.reviewSet()));
        lines.add("    review-set-sha256 = " + quoted(result.reviewSetSha256()));
        lines.add("    target-precision = " + number(result.target()));
        lines.add("  }");
        lines.add("}");
        return String.join("\n", lines) + "\n";
    }

    private static void section(List<String> lines, CalibrationResult result, Source source, String pass,
            String thresholdsKey, String disabledKey) {
        List<String> thresholds = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (ClassDecision d : result.decisions()) {
            if (d.key().source() != source) {
                continue;
            }
            if (d.threshold().isPresent()) {
                thresholds.add("    " + quoted(d.key().label()) + " = " + threshold(d.threshold().get()));
            } else if (result.switchesOff(d)) {
                off.add(quoted(d.key().label()));
            }
        }
        if (thresholds.isEmpty() && off.isEmpty()) {
            return;
        }
        lines.add("  " + pass + " {");
        if (!thresholds.isEmpty()) {
            lines.add("    " + thresholdsKey + " {");
            thresholds.forEach(t -> lines.add("  " + t));
            lines.add("    }");
        }
        if (!off.isEmpty()) {
            lines.add("    " + disabledKey + " = [" + String.join(", ", off) + "]");
        }
        lines.add("  }");
    }

    /** A grid threshold as its two decimals ("0.62" parses back to the same float). */
    static String threshold(float t) {
        return String.format(Locale.ROOT, "%.2f", t);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    /** A HOCON/JSON string literal. */
    static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
