package dev.autolabel.quality;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The result of an evaluation: COCO metrics per variant over {@code images} images with {@code groundTruths}
 * objects, labels that matched no category (per variant, by label), and how a run's rows matched when a run
 * was evaluated. {@link #table()} and {@link #perClassTable()} render Markdown tables; see {@link EvaluationJson}.
 */
public record EvaluationReport(int images, int groundTruths, Map<Integer, String> categories,
        Map<Variant, CocoMetrics> metrics, Map<Variant, Map<String, Integer>> uncategorisedLabels, Optional<RunRows> run) {

    public EvaluationReport {
        categories = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(categories, "categories")));
        metrics = Collections.unmodifiableMap(new EnumMap<>(requireNonNull(metrics, "metrics")));
        Map<Variant, Map<String, Integer>> copy = new EnumMap<>(Variant.class);
        requireNonNull(uncategorisedLabels, "uncategorisedLabels").forEach((v, m) -> copy.put(v, Map.copyOf(m)));
        uncategorisedLabels = Collections.unmodifiableMap(copy);
        requireNonNull(run, "run");
    }

    public CocoMetrics metrics(Variant variant) {
        CocoMetrics m = metrics.get(variant);
        if (m == null) {
            throw new IllegalArgumentException(variant.title() + " was not evaluated");
        }
        return m;
    }

    /** variant | AP | AP50 | AP75 | AR100 | P | R | F1 | labels, P/R/F1 at the operating point (IoU 0.5). */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append("| variant        |    AP |  AP50 |  AP75 | AR100 |     P |     R |    F1 | labels |\n");
        b.append("|----------------|------:|------:|------:|------:|------:|------:|------:|-------:|\n");
        metrics.forEach((variant, m) -> b.append(String.format(Locale.ROOT,
                "| %-14s | %s | %s | %s | %s | %s | %s | %s | %6d |%n", variant.title(), num(m.ap()), num(m.ap50()),
                num(m.ap75()), num(m.ar100()), num(m.precision()), num(m.recall()), num(m.f1()),
                m.truePositives() + m.falsePositives())));
        return b.toString();
    }

    /**
     * variant | AP and AR (at 100 detections) by COCO area range: small (area under 32^2), medium (to 96^2) and
     * large (above), so what tiling does for small objects and costs large ones shows per range.
     */
    public String areaTable() {
        StringBuilder b = new StringBuilder();
        b.append("| by object size  |  AP_S |  AP_M |  AP_L |  AR_S |  AR_M |  AR_L |\n");
        b.append("|-----------------|------:|------:|------:|------:|------:|------:|\n");
        metrics.forEach((variant, m) -> b.append(String.format(Locale.ROOT, "| %-15s | %s | %s | %s | %s | %s | %s |%n",
                variant.title(), num(m.apSmall()), num(m.apMedium()), num(m.apLarge()), num(m.arSmall()),
                num(m.arMedium()), num(m.arLarge()))));
        return b.toString();
    }

    /** AP@[.5:.95] per category and variant. */
    public String perClassTable() {
        StringBuilder head = new StringBuilder("| AP per class   |");
        StringBuilder rule = new StringBuilder("|----------------|");
        categories.values().forEach(name -> {
            int width = Math.max(6, name.length());
            head.append(String.format(Locale.ROOT, " %" + width + "s |", name));
            rule.append("-".repeat(width + 1)).append(":|");
        });
        StringBuilder b = new StringBuilder(head).append('\n').append(rule).append('\n');
        metrics.forEach((variant, m) -> {
            b.append(String.format(Locale.ROOT, "| %-14s |", variant.title()));
            categories.forEach((id, name) -> b.append(String.format(Locale.ROOT, " %" + Math.max(6, name.length()) + "s |",
                    num(m.apPerCategory().getOrDefault(id, -1.0)))));
            b.append('\n');
        });
        return b.toString();
    }

    /** Three decimals; "-" for COCO's "undefined" (-1: no ground truth in the bucket). */
    private static String num(double v) {
        return v < 0 ? "    -" : String.format(Locale.ROOT, "%.3f", v);
    }
}
