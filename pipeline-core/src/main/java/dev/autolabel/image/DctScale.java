package dev.autolabel.image;

import java.util.List;

/**
 * Chooses the scale at which a JPEG is decoded. libjpeg-turbo can decode at 1/2, 1/4 or 1/8 of the full size
 * in the DCT domain, skipping most of the inverse transform, upsampling and colour conversion work. An image
 * letterboxed into a 640x640 input only ever reaches the model at 640 pixels on its long side, so decoding a
 * 4032x3024 photo at 1/4 (1008x756) loses nothing the model could see, and block-averaging even aliases less than
 * bilinear sampling from the full image.
 */
public final class DctScale {

    private static final int[] DENOMINATORS = {8, 4, 2};

    private DctScale() {
    }

    /**
     * The largest denominator (8, 4, 2, else 1) whose decoded size, {@code ceil(size / k)} per axis as libjpeg
     * computes it, still covers the area the image fills in every target input (its letterbox content, or the
     * whole input when stretched). No targets: 1 (full size).
     *
     * @param width  upright width of the full image (after EXIF orientation)
     * @param height upright height of the full image
     */
    public static int denominator(int width, int height, List<InputSpec> targets) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (targets.isEmpty()) {
            return 1;
        }
        for (int k : DENOMINATORS) {
            if (coversAll(ceilDiv(width, k), ceilDiv(height, k), width, height, targets)) {
                return k;
            }
        }
        return 1;
    }

    private static boolean coversAll(int decodedW, int decodedH, int width, int height, List<InputSpec> targets) {
        for (InputSpec spec : targets) {
            ImageTransform t = ImageTransform.fit(width, height, spec);
            if (decodedW < t.contentWidth() || decodedH < t.contentHeight()) {
                return false;
            }
        }
        return true;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
