package dev.autolabel.merge;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;

/**
 * Pass-2 settings: a looser score threshold (per-label overrides), NMS within pass 2 among boxes of the
 * same label, and a cap on the fraction of the image one box may cover (huge boxes are usually "the scene").
 * Labels in {@code disabledLabels} are never given by this pass (calibration switched them off).
 */
public record OpenVocabParams(float threshold, Map<String, Float> labelThresholds, float nmsIou, float maxAreaFraction,
        Set<String> disabledLabels) {

    /** Settings with every label enabled. */
    public OpenVocabParams(float threshold, Map<String, Float> labelThresholds, float nmsIou, float maxAreaFraction) {
        this(threshold, labelThresholds, nmsIou, maxAreaFraction, Set.of());
    }

    public OpenVocabParams {
        Ranges.unit("open-vocab.threshold", threshold);
        labelThresholds = Map.copyOf(requireNonNull(labelThresholds, "labelThresholds"));
        labelThresholds.forEach((label, t) -> Ranges.unit("open-vocab.label-thresholds." + label, t));
        Ranges.unit("open-vocab.nms-iou", nmsIou);
        if (!(maxAreaFraction > 0f && maxAreaFraction <= 1f)) {
            throw new IllegalArgumentException("open-vocab.max-area-fraction must be in (0, 1], got " + maxAreaFraction);
        }
        disabledLabels = Set.copyOf(requireNonNull(disabledLabels, "disabledLabels"));
    }

    public float thresholdFor(String label) {
        return labelThresholds.getOrDefault(label, threshold);
    }

    /** Whether a candidate with this label and score is kept by the threshold (and the label is enabled). */
    public boolean passes(String label, float score) {
        return !disabledLabels.contains(label) && score >= thresholdFor(label);
    }
}
