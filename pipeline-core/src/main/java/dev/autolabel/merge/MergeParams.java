package dev.autolabel.merge;

/**
 * Gap-fill settings (DESIGN.md §4.3-4): a pass-2 box is kept only if its IoU with every pass-1 box is below
 * {@code iou} AND the fraction of its own area covered by the union of pass-1 boxes is below {@code coverage}.
 * A dropped pass-2 box whose IoU with a pass-1 box is at least {@code enrichIou} may lend that box a fine label
 * when {@code enrich} is on.
 */
public record MergeParams(float iou, float coverage, boolean enrich, float enrichIou) {

    public MergeParams {
        Ranges.unit("merge.iou", iou);
        Ranges.unit("merge.coverage", coverage);
        Ranges.unit("merge.enrich-iou", enrichIou);
    }
}
