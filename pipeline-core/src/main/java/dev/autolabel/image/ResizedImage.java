package dev.autolabel.image;

import static java.util.Objects.requireNonNull;

/**
 * An image resampled into a model's input geometry ({@link Preprocessor#resizeInto}) as planar RGB bytes, with
 * the transform back to original pixels. The byte array is a pooled buffer: whoever holds this record owns it
 * until it is handed back, so equality is identity, as for any record holding an array.
 */
public record ResizedImage(byte[] pixels, ImageTransform transform) {

    public ResizedImage {
        requireNonNull(pixels, "pixels");
        requireNonNull(transform, "transform");
    }
}
