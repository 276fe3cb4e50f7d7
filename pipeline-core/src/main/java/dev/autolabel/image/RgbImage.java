package dev.autolabel.image;

import static java.util.Objects.requireNonNull;

/**
 * A decoded image as packed 8-bit RGB, row-major, 3 bytes per pixel, orientation already applied.
 * The pixel array is owned by this object and must not be modified after construction.
 *
 * <p>{@code width x height} is the size of the pixel array. {@code originalWidth x originalHeight} is the size of
 * the full-resolution upright image, the coordinate system boxes and reported sizes use. The two differ when the
 * decoder scaled the image down while decoding (JPEG DCT scaling at 1/2, 1/4 or 1/8); pixel (x, y) then covers
 * original pixels {@code [x * originalWidth / width, (x + 1) * originalWidth / width)}, and likewise for rows.
 */
public record RgbImage(int width, int height, byte[] rgb, int originalWidth, int originalHeight) {

    public RgbImage {
        requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("rgb length " + rgb.length + " does not match " + width + "x" + height + "x3");
        }
        if (originalWidth < width || originalHeight < height) {
            throw new IllegalArgumentException("original size " + originalWidth + "x" + originalHeight
                    + " is smaller than the pixel size " + width + "x" + height);
        }
    }

    /** An image decoded at full resolution: the original size is the pixel size. */
    public RgbImage(int width, int height, byte[] rgb) {
        this(width, height, rgb, width, height);
    }

    /** True when the pixels are a reduced-size decode of a larger original. */
    public boolean isReduced() {
        return width != originalWidth || height != originalHeight;
    }

    /** Red, green or blue (channel 0, 1, 2) of pixel (x, y) as 0..255. */
    public int channel(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }

    /** This image mirrored left to right (for the flip-consistency check); the original size stays. */
    public RgbImage mirroredHorizontally() {
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < height; y++) {
            int row = y * width * 3;
            for (int x = 0; x < width; x++) {
                System.arraycopy(rgb, row + x * 3, out, row + (width - 1 - x) * 3, 3);
            }
        }
        return new RgbImage(width, height, out, originalWidth, originalHeight);
    }
}
