package dev.autolabel.tiling;

/**
 * How one pass cuts large images into tiles (SAHI-style sliced inference), from {@code <pass>.tiling}: an image whose
 * longer side exceeds {@code minImageSize} (and a tile) goes through the model as overlapping tiles of
 * {@code size x size} original pixels ({@code size} 0: exactly the model's input size, so tiles reach the model at
 * native resolution), neighbours sharing {@code overlap} of a tile's side, plus the whole image when
 * {@code includeFullImage} (large objects that no tile holds whole). Smaller images, and every image when
 * {@code enabled} is false, go through whole as before. {@code classAgnostic}: the views' detections are merged
 * regardless of class ({@link TileMerge}).
 */
public record TilingSettings(boolean enabled, int size, float overlap, boolean includeFullImage, int minImageSize,
        boolean classAgnostic) {

    public static final int MIN_SIZE = 16;
    public static final int MAX_SIZE = 16_384;
    public static final float MAX_OVERLAP = 0.9f;

    public TilingSettings {
        if (size != 0 && (size < MIN_SIZE || size > MAX_SIZE)) {
            throw new IllegalArgumentException("tiling.size must be 0 (the model's input) or in " + MIN_SIZE + ".."
                    + MAX_SIZE + ", got " + size);
        }
        if (!(overlap >= 0f && overlap <= MAX_OVERLAP)) {
            throw new IllegalArgumentException("tiling.overlap must be in 0.." + MAX_OVERLAP + ", got " + overlap);
        }
        if (minImageSize < 0) {
            throw new IllegalArgumentException("tiling.min-image-size must be >= 0, got " + minImageSize);
        }
    }

    /**
     * reference.conf's values: off; when switched on, model-sized tiles overlapping by 20%, plus the whole image,
     * merged class by class.
     */
    public static TilingSettings off() {
        return new TilingSettings(false, 0, 0.2f, true, 0, false);
    }
}
