package dev.autolabel.image;

import static java.util.Objects.requireNonNull;

/**
 * A decoded image as packed 8-bit RGB, row-major, 3 bytes per pixel, orientation already applied.
 * The pixel array is owned by this object and must not be modified after construction.
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("rgb length " + rgb.length + " does not match " + width + "x" + height + "x3");
        }
    }

    /** Red, green or blue (channel 0, 1, 2) of pixel (x, y) as 0..255. */
    public int channel(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    /** This image mirrored left to right (for the flip-consistency check). */
    public RgbImage mirroredHorizontally() {
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < height; y++) {
            int row = y * width * 3;
            for (int x = 0; x < width; x++) {
                System.arraycopy(rgb, row + x * 3, out, row + (width - 1 - x) * 3, 3);
            }
        }
        return new RgbImage(width, height, out);
    }
}
