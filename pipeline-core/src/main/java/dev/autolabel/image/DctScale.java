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
        return denominatorFor(width, height, targets.stream().map(spec -> new ScaleTarget(width, height, spec)).toList());
    }

    /**
     * As {@link #denominator(int, int, List)} for regions of the image (tiles, or the whole image): the largest
     * denominator at which each region, decoded, still has at least as many pixels per axis as it fills in its
     * input. A tile the size of its model's input thus keeps the image at full size.
     */
    public static int denominatorFor(int width, int height, List<ScaleTarget> regions) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (regions.isEmpty()) {
            return 1;
        }
        for (int k : DENOMINATORS) {
            if (coversAll(ceilDiv(width, k), ceilDiv(height, k), width, height, regions)) {
                return k;
            }
        }
        return 1;
    }

    private static boolean coversAll(int decodedW, int decodedH, int width, int height, List<ScaleTarget> regions) {
        for (ScaleTarget region : regions) {
            ImageTransform t = ImageTransform.fit(region.regionWidth(), region.regionHeight(), region.spec());
            // The region's decoded extent is its share of the decoded image: region * decoded / full, per axis.
            if ((long) region.regionWidth() * decodedW < (long) t.contentWidth() * width
                    || (long) region.regionHeight() * decodedH < (long) t.contentHeight() * height) {
                return false;
            }
        }
        return true;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
