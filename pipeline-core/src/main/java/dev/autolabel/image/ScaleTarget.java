package dev.autolabel.image;

import static java.util.Objects.requireNonNull;

/**
 * A region of an upright image that is resampled into a model input on its own: the whole image, or one tile of
 * it (tiled inference), by its size in original pixels. A decoder may scale the image down only as far as every
 * such region keeps the pixels its input shows ({@link DctScale}).
 */
public record ScaleTarget(int regionWidth, int regionHeight, InputSpec spec) {

    public ScaleTarget {
        requireNonNull(spec, "spec");
        if (regionWidth <= 0 || regionHeight <= 0) {
            throw new IllegalArgumentException("region size must be positive, got " + regionWidth + "x" + regionHeight);
        }
    }
}
