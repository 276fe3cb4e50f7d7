package dev.autolabel.image;

/** Safety limits for decoding: images whose header claims more pixels are refused before allocation. */
public record DecodeLimits(long maxPixels) {

    public DecodeLimits {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("image.max-pixels must be >= 1, got " + maxPixels);
        }
    }
}
