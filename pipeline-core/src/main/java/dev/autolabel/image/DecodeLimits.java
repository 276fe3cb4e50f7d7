package dev.autolabel.image;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;

/** Safety limits for decoding: images whose header claims more pixels are refused before allocation. */
public record DecodeLimits(long maxPixels) {

    /** The most pixels an {@link RgbImage} can hold: 3 bytes each in one array. */
    private static final long MAX_ARRAY_PIXELS = (Integer.MAX_VALUE - 8) / 3;

    public DecodeLimits {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("image.max-pixels must be >= 1, got " + maxPixels);
        }
    }

    /**
     * Checks a size read from an image header, before any pixel is decoded: CORRUPT_IMAGE for a non-positive
     * size, DECOMPRESSION_BOMB over the limit (or over what one Java array can hold, whatever the limit).
     */
    void check(int width, int height, ImageFormat format, String uri) throws LabelingException {
        if (width <= 0 || height <= 0) {
            throw new LabelingException(ErrorCode.CORRUPT_IMAGE, uri + ": " + format + " header gives size " + width + "x" + height);
        }
        long pixels = (long) width * height;
        long limit = Math.min(maxPixels, MAX_ARRAY_PIXELS);
        if (pixels > limit) {
            throw new LabelingException(ErrorCode.DECOMPRESSION_BOMB, uri + ": " + format + " header claims " + width + "x" + height
                    + " = " + pixels + " pixels, over the limit of " + limit + " (image.max-pixels = " + maxPixels + ")");
        }
    }
}
