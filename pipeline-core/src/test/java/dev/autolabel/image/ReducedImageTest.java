package dev.autolabel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import org.junit.jupiter.api.Test;

/** An {@link RgbImage} decoded at reduced size keeps its original size through orientation, mirroring and resizing. */
class ReducedImageTest {

    /** 100x60 pixels standing for a 800x480 original; a white block on pixels [25, 50) x [15, 30), black elsewhere. */
    private static RgbImage reduced() {
        byte[] rgb = new byte[100 * 60 * 3];
        for (int y = 15; y < 30; y++) {
            for (int x = 25; x < 50; x++) {
                java.util.Arrays.fill(rgb, (y * 100 + x) * 3, (y * 100 + x) * 3 + 3, (byte) 255);
            }
        }
        return new RgbImage(100, 60, rgb, 800, 480);
    }

    @Test
    void originalSizeIsThePixelSizeUnlessGiven() {
        RgbImage full = new RgbImage(4, 2, new byte[24]);
        assertEquals(4, full.originalWidth());
        assertEquals(2, full.originalHeight());
        assertTrue(reduced().isReduced());
        assertThrows(IllegalArgumentException.class, () -> new RgbImage(4, 2, new byte[24], 3, 2));
    }

    @Test
    void orientationAndMirroringCarryTheOriginalSize() {
        RgbImage rotated = Orientation.apply(reduced(), 6);
        assertEquals(60, rotated.width());
        assertEquals(480, rotated.originalWidth());
        assertEquals(800, rotated.originalHeight());
        RgbImage mirrored = reduced().mirroredHorizontally();
        assertEquals(800, mirrored.originalWidth());
        assertEquals(480, mirrored.originalHeight());
    }

    @Test
    void preprocessingMapsTheReducedPixelsBackToOriginalCoordinates() {
        InputSpec spec = InputSpec.yolo(80, 80);
        float[] plane = new float[spec.planeFloats()];
        ImageTransform t = new Preprocessor(spec).writeInto(reduced(), plane, 0);
        assertEquals(800, t.originalWidth());
        assertEquals(480, t.originalHeight());
        // 800x480 letterboxed into 80x80: scale 0.1, content 80x48, 16 rows of padding on top.
        assertEquals(0.1f, t.scaleX(), 1e-6f);
        assertEquals(16f, t.padY());
        // The white block covers original [200, 400) x [120, 240): input columns [20, 40), rows 16 + [12, 24).
        assertEquals(1f, plane[(16 + 18) * 80 + 30], 1e-6f, "inside the block");
        assertEquals(0f, plane[(16 + 18) * 80 + 45], 1e-6f, "right of the block");
        Box back = t.toOriginal(new Box(20, 28, 40, 40));
        assertEquals(new Box(200, 120, 400, 240), back);
    }
}
