package dev.autolabel.quality;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;

/**
 * One ground-truth annotation as COCO defines it: the image, the category, the box (as the JSON gives it), whether it
 * marks a crowd region (detections inside a crowd are neither true nor false positives) and the area used for the
 * area ranges (COCO uses the segmentation area when there is one, else the box area).
 */
public record GroundTruthBox(long imageId, int categoryId, CocoBox box, boolean crowd, double area) {

    public GroundTruthBox {
        requireNonNull(box, "box");
        if (!(area >= 0)) {
            throw new IllegalArgumentException("area must be >= 0, got " + area);
        }
    }

    /** An object (not a crowd) whose area is its box's. */
    public static GroundTruthBox of(long imageId, int categoryId, Box box) {
        CocoBox coco = CocoBox.of(box);
        return new GroundTruthBox(imageId, categoryId, coco, false, coco.area());
    }
}
