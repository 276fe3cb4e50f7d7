package dev.autolabel.model;

import dev.autolabel.detect.Box;
import dev.autolabel.image.RgbImage;
import java.util.Arrays;

/** Draws solid rectangles on a plain background: the inputs the colour-blob fixture models detect. */
final class BlobCanvas {

    static final int[] RED = {255, 0, 0};
    static final int[] GREEN = {0, 255, 0};
    static final int[] BLUE = {0, 0, 255};
    static final int[] YELLOW = {255, 255, 0};
    static final int[] GREY = {90, 90, 90};
    static final int[] WHITE = {255, 255, 255};
    static final int[] BLACK = {0, 0, 0};

    private final int width;
    private final int height;
    private final byte[] rgb;

    BlobCanvas(int width, int height, int[] background) {
        this.width = width;
        this.height = height;
        this.rgb = new byte[width * height * 3];
        fill(background, new Box(0, 0, width, height));
    }

    /** Paints the pixels [x1, x2) x [y1, y2) of {@code box} (integer corners) in {@code colour}. */
    BlobCanvas fill(int[] colour, Box box) {
        for (int y = (int) box.y1(); y < (int) box.y2(); y++) {
            for (int x = (int) box.x1(); x < (int) box.x2(); x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) colour[0];
                rgb[i + 1] = (byte) colour[1];
                rgb[i + 2] = (byte) colour[2];
            }
        }
        return this;
    }

    RgbImage image() {
        return new RgbImage(width, height, Arrays.copyOf(rgb, rgb.length));
    }
}
