package dev.autolabel.merge;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Gap-fill settings (DESIGN.md §4.3-4): a pass-2 box is kept only if its IoU with every pass-1 box is below
 * {@code iou} AND the fraction of its own area covered by the union of pass-1 boxes is below {@code coverage}.
 * A pass-2 box whose IoU with a pass-1 box is at least {@code enrichIou} confirms that box when its label, mapped
 * through {@code labelMap} (pass-2 label -> pass-1 label; unmapped labels map to themselves), is the pass-1
 * label; when it is dropped it may also lend that box a fine label when {@code enrich} is on.
 */
public record MergeParams(float iou, float coverage, boolean enrich, float enrichIou, Map<String, String> labelMap) {

    public MergeParams {
        Ranges.unit("merge.iou", iou);
        Ranges.unit("merge.coverage", coverage);
        Ranges.unit("merge.enrich-iou", enrichIou);
        labelMap = Map.copyOf(requireNonNull(labelMap, "labelMap"));
    }

    /** Settings with the identity label map. */
    public MergeParams(float iou, float coverage, boolean enrich, float enrichIou) {
        this(iou, coverage, enrich, enrichIou, Map.of());
    }

    /** The pass-1 label a pass-2 label stands for. */
    public String passOneLabelFor(String openVocabLabel) {
        return labelMap.getOrDefault(openVocabLabel, openVocabLabel);
    }
}
