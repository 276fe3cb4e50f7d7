package dev.autolabel.quality;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;

/**
 * A box as COCO writes it, {@code [x, y, width, height]}, in double precision as pycocotools reads and computes with
 * it. Ground truth keeps the values of its JSON exactly (e.g. 473.07, which no float holds); a detection's float
 * corners convert exactly (see {@link #of(Box)}).
 */
public record CocoBox(double x, double y, double width, double height) {

    public CocoBox {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !(width >= 0) || !(height >= 0)
                || !Double.isFinite(width) || !Double.isFinite(height)) {
            throw new IllegalArgumentException("box must be finite with width and height >= 0, got [" + x + ", " + y
                    + ", " + width + ", " + height + "]");
        }
    }

    /**
     * A box from corners. The width and height are the differences in double precision, exact for pixel
     * coordinates, so {@code x + width} gives the corner back: what a detection written to COCO results JSON with
     * these differences reads as in pycocotools.
     */
    public static CocoBox of(Box corners) {
        requireNonNull(corners, "corners");
        return new CocoBox(corners.x1(), corners.y1(), (double) corners.x2() - corners.x1(),
                (double) corners.y2() - corners.y1());
    }

    /** Width times height, as pycocotools takes a box's area. */
    public double area() {
        return width * height;
    }

    /**
     * pycocotools' {@code bbIou} (maskApi.c), operation for operation: the overlap's width and height from
     * {@code x + width}, then the IoU, or, for a crowd region, the intersection over this box's own area.
     */
    double overlap(CocoBox groundTruth, boolean crowd) {
        double w = Math.min(width + x, groundTruth.width + groundTruth.x) - Math.max(x, groundTruth.x);
        if (w <= 0) {
            return 0;
        }
        double h = Math.min(height + y, groundTruth.height + groundTruth.y) - Math.max(y, groundTruth.y);
        if (h <= 0) {
            return 0;
        }
        double intersection = w * h;
        return intersection / (crowd ? area() : area() + groundTruth.area() - intersection);
    }
}
