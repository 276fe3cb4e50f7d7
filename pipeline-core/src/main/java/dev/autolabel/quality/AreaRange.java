package dev.autolabel.quality;

/** COCO's object size buckets, by area in pixels (bounds inclusive, as pycocotools). */
public enum AreaRange {
    ALL(0, 1e10),
    SMALL(0, 32 * 32),
    MEDIUM(32 * 32, 96 * 96),
    LARGE(96 * 96, 1e10);

    private final double min;
    private final double max;

    AreaRange(double min, double max) {
        this.min = min;
        this.max = max;
    }

    boolean contains(double area) {
        return area >= min && area <= max;
    }
}
