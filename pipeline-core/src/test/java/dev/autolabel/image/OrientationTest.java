package dev.autolabel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OrientationTest {

    /**
     * Stored 3x2 image, pixels labelled by their red value:
     * <pre>
     * a b c      1 2 3
     * d e f      4 5 6
     * </pre>
     */
    private static final RgbImage STORED = image(3, 2, 1, 2, 3, 4, 5, 6);

    private static RgbImage image(int w, int h, int... labels) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < labels.length; i++) {
            rgb[i * 3] = (byte) labels[i];
            rgb[i * 3 + 1] = (byte) (labels[i] * 10);
            rgb[i * 3 + 2] = (byte) (labels[i] * 20);
        }
        return new RgbImage(w, h, rgb);
    }

    private static void assertImage(RgbImage expected, RgbImage actual) {
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertEquals(java.util.Arrays.toString(expected.rgb()), java.util.Arrays.toString(actual.rgb()));
    }

    @Test
    void allEightOrientationsGiveTheUprightImage() {
        assertSame(STORED, Orientation.apply(STORED, 1));
        assertImage(image(3, 2, 3, 2, 1, 6, 5, 4), Orientation.apply(STORED, 2)); // mirror left-right
        assertImage(image(3, 2, 6, 5, 4, 3, 2, 1), Orientation.apply(STORED, 3)); // rotate 180
        assertImage(image(3, 2, 4, 5, 6, 1, 2, 3), Orientation.apply(STORED, 4)); // mirror top-bottom
        assertImage(image(2, 3, 1, 4, 2, 5, 3, 6), Orientation.apply(STORED, 5)); // transpose
        assertImage(image(2, 3, 4, 1, 5, 2, 6, 3), Orientation.apply(STORED, 6)); // rotate 90 clockwise
        assertImage(image(2, 3, 6, 3, 5, 2, 4, 1), Orientation.apply(STORED, 7)); // transverse
        assertImage(image(2, 3, 3, 6, 2, 5, 1, 4), Orientation.apply(STORED, 8)); // rotate 90 counter-clockwise
    }

    @Test
    void rotationsCompose() {
        // 6 then 8 (90 clockwise then counter-clockwise) is the identity; 6 twice is 3.
        RgbImage big = image(5, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertImage(big, Orientation.apply(Orientation.apply(big, 6), 8));
        assertImage(Orientation.apply(big, 3), Orientation.apply(Orientation.apply(big, 6), 6));
    }

    @Test
    void invalidOrientationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Orientation.apply(STORED, 0));
        assertThrows(IllegalArgumentException.class, () -> Orientation.apply(STORED, 9));
    }
}
