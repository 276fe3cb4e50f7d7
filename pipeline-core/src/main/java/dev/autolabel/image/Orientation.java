package dev.autolabel.image;

import static java.util.Objects.requireNonNull;

/**
 * Applies an EXIF orientation (1..8) to an image, giving the upright image a viewer would show.
 * Orientations 5..8 swap width and height (and the original size of a reduced decode).
 */
public final class Orientation {

    private Orientation() {
    }

    /**
     * The upright image: 1 as is, 2 mirrored left-right, 3 rotated 180, 4 mirrored top-bottom,
     * 5 transposed, 6 rotated 90 clockwise, 7 transversed, 8 rotated 90 counter-clockwise.
     * Returns {@code image} itself for 1.
     */
    public static RgbImage apply(RgbImage image, int orientation) {
        requireNonNull(image, "image");
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1..8, got " + orientation);
        }
        if (orientation == 1) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swaps = orientation >= 5;
        int outW = swaps ? h : w;
        int outH = swaps ? w : h;
        // Source pixel index of output (x, y) is base + x * dx + y * dy.
        int base;
        int dx;
        int dy;
        switch (orientation) {
            case 2 -> { base = w - 1; dx = -1; dy = w; }
            case 3 -> { base = h * w - 1; dx = -1; dy = -w; }
            case 4 -> { base = (h - 1) * w; dx = 1; dy = -w; }
            case 5 -> { base = 0; dx = w; dy = 1; }
            case 6 -> { base = (h - 1) * w; dx = -w; dy = 1; }
            case 7 -> { base = h * w - 1; dx = -w; dy = -1; }
            default -> { base = w - 1; dx = w; dy = -1; }
        }
        byte[] src = image.rgb();
        byte[] out = new byte[src.length];
        int o = 0;
        for (int y = 0; y < outH; y++) {
            int s = base + y * dy;
            for (int x = 0; x < outW; x++, s += dx, o += 3) {
                int p = s * 3;
                out[o] = src[p];
                out[o + 1] = src[p + 1];
                out[o + 2] = src[p + 2];
            }
        }
        return new RgbImage(outW, outH, out, swaps ? image.originalHeight() : image.originalWidth(),
                swaps ? image.originalWidth() : image.originalHeight());
    }
}
