package dev.autolabel.merge;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;

/**
 * Pass-1 settings: a conservative score threshold (with per-class overrides by label), class-aware NMS,
 * and auto-QA box gates. {@code minBoxSide} is in original-image pixels; {@code maxAspectRatio} bounds
 * max(w/h, h/w). A gate set to 0 is disabled. With {@code flipConsistency} a detection survives only if the
 * horizontally mirrored image yields a box of the same class at IoU >= {@code flipIou} (mapped back).
 * Classes in {@code disabledClasses} are never labeled by this pass (calibration switched them off).
 */
public record PrecisionParams(float threshold, Map<String, Float> classThresholds, float nmsIou, float minBoxSide,
        float maxAspectRatio, boolean flipConsistency, float flipIou, Set<String> disabledClasses) {

    /** Settings with every class enabled. */
    public PrecisionParams(float threshold, Map<String, Float> classThresholds, float nmsIou, float minBoxSide,
            float maxAspectRatio, boolean flipConsistency, float flipIou) {
        this(threshold, classThresholds, nmsIou, minBoxSide, maxAspectRatio, flipConsistency, flipIou, Set.of());
    }

    public PrecisionParams {
        Ranges.unit("precision.threshold", threshold);
        classThresholds = Map.copyOf(requireNonNull(classThresholds, "classThresholds"));
        classThresholds.forEach((label, t) -> Ranges.unit("precision.class-thresholds." + label, t));
        Ranges.unit("precision.nms-iou", nmsIou);
        Ranges.nonNegative("precision.qa.min-box-side", minBoxSide);
        if (maxAspectRatio != 0f && maxAspectRatio < 1f) {
            throw new IllegalArgumentException("precision.qa.max-aspect-ratio must be 0 (off) or >= 1, got " + maxAspectRatio);
        }
        Ranges.unit("precision.qa.flip-iou", flipIou);
        disabledClasses = Set.copyOf(requireNonNull(disabledClasses, "disabledClasses"));
    }

    /** Settings without the flip-consistency check. */
    public PrecisionParams(float threshold, Map<String, Float> classThresholds, float nmsIou, float minBoxSide,
            float maxAspectRatio) {
        this(threshold, classThresholds, nmsIou, minBoxSide, maxAspectRatio, false, 0.5f);
    }

    public float thresholdFor(String label) {
        return classThresholds.getOrDefault(label, threshold);
    }

    /** Whether a detection of this class with this score is kept by the threshold (and the class is enabled). */
    public boolean passes(String label, float score) {
        return !disabledClasses.contains(label) && score >= thresholdFor(label);
    }
}
