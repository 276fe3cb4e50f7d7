package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.CalibrationSettings;
import dev.autolabel.config.OpenVocabSettings;
import dev.autolabel.merge.PrecisionParams;
import dev.autolabel.model.Prompt;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The score thresholds a run labeled with, per pass: the default, the per-class (pass 1) or per-label (pass 2)
 * overrides, the switched-off classes, pass 2's prompts; and, when the thresholds came from {@code autolabel
 * calibrate}, the review set they were estimated from and its SHA-256. run.json carries them as {@code thresholds}
 * and {@code calibration} (a view of its {@code config}, which alone suffices to repeat the run).
 */
public record RunThresholds(PrecisionParams precision, Optional<OpenVocabSettings> openVocab,
        CalibrationSettings calibration) {

    public RunThresholds {
        requireNonNull(precision, "precision");
        requireNonNull(openVocab, "openVocab");
        requireNonNull(calibration, "calibration");
    }

    public static RunThresholds of(AutolabelConfig config) {
        return new RunThresholds(config.precision().params(), config.openVocab(), config.calibration());
    }

    /** Adds {@code thresholds} and {@code calibration} (null when not calibrated) to a run.json root. */
    void addTo(ObjectNode root, ObjectMapper json) {
        ObjectNode thresholds = root.putObject("thresholds");
        ObjectNode pass1 = thresholds.putObject("precision");
        pass1.put("default", precision.threshold());
        pass1.set("classes", json.valueToTree(new TreeMap<>(precision.classThresholds())));
        pass1.set("disabled", json.valueToTree(new TreeSet<>(precision.disabledClasses())));
        if (openVocab.isEmpty()) {
            thresholds.putNull("open_vocab");
        } else {
            ObjectNode pass2 = thresholds.putObject("open_vocab");
            pass2.put("default", openVocab.get().params().threshold());
            pass2.set("labels", json.valueToTree(new TreeMap<>(openVocab.get().params().labelThresholds())));
            pass2.set("disabled", json.valueToTree(new TreeSet<>(openVocab.get().params().disabledLabels())));
            pass2.set("prompts", json.valueToTree(prompts(openVocab.get().prompts())));
        }
        if (!calibration.isPresent()) {
            root.putNull("calibration");
            return;
        }
        ObjectNode c = root.putObject("calibration");
        c.put("reviewed_run", calibration.reviewedRun().orElse(null));
        c.put("review_set", calibration.reviewSet().orElse(null));
        c.put("review_set_sha256", calibration.reviewSetSha256().orElse(null));
        if (calibration.targetPrecision().isPresent()) {
            c.put("target_precision", calibration.targetPrecision().getAsDouble());
        } else {
            c.putNull("target_precision");
        }
    }

    private static List<java.util.Map<String, Object>> prompts(List<Prompt> prompts) {
        return prompts.stream().map(p -> java.util.Map.<String, Object>of("label", p.label(), "texts", p.texts())).toList();
    }
}
