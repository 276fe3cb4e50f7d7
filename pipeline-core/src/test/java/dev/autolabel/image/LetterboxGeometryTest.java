package dev.autolabel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The geometry contract between preprocessing and box mapping: a rectangle drawn into an image, found again
 * in the model's input buffer and mapped back with the transform, lands where it was drawn.
 */
class LetterboxGeometryTest {

    private static final int INPUT = 640;
    private static final float PAD = 114 / 255f;

    static Stream<Arguments> cases() {
        return Stream.of(
                // image size, drawn rectangle [x1, x2) x [y1, y2)
                Arguments.of(ResizeMode.LETTERBOX, 1920, 1080, new int[] {401, 297, 1013, 689}),
                Arguments.of(ResizeMode.LETTERBOX, 600, 1000, new int[] {57, 611, 389, 947}),
                Arguments.of(ResizeMode.STRETCH, 1920, 1080, new int[] {401, 297, 1013, 689}),
                Arguments.of(ResizeMode.STRETCH, 600, 1000, new int[] {57, 611, 389, 947}));
    }

    private static InputSpec spec(ResizeMode mode) {
        return new InputSpec(INPUT, INPUT, mode, 114, false, new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f});
    }

    @ParameterizedTest
    @MethodSource("cases")
    void boxRoundTripsThroughInputCoordinates(ResizeMode mode, int width, int height, int[] rect) {
        ImageTransform t = ImageTransform.fit(width, height, spec(mode));
        Box original = new Box(rect[0] + 0.3f, rect[1] + 0.7f, rect[2] - 0.1f, rect[3]);
        Box back = t.toOriginal(t.toInput(original));
        assertEquals(original.x1(), back.x1(), 0.5f);
        assertEquals(original.y1(), back.y1(), 0.5f);
        assertEquals(original.x2(), back.x2(), 0.5f);
        assertEquals(original.y2(), back.y2(), 0.5f);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void drawnRectangleIsFoundWhereItWasDrawn(ResizeMode mode, int width, int height, int[] rect) {
        RgbImage image = TestImages.canvas(width, height, new Color(128, 128, 128))
                .fill(rect[0], rect[1], rect[2], rect[3], new Color(255, 0, 0)).rgbImage();
        Preprocessor preprocessor = new Preprocessor(spec(mode));
        float[] buffer = new float[2 * 3 * INPUT * INPUT];
        int offset = 3 * INPUT * INPUT; // the second image of a batch, to exercise the offset
        ImageTransform t = preprocessor.writeInto(image, buffer, offset);

        // Pixels at least half red: red plane above the midpoint between background (128) and rectangle (255).
        float threshold = (128 + 255) / 2f / 255f;
        int minX = INPUT;
        int minY = INPUT;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < INPUT; y++) {
            for (int x = 0; x < INPUT; x++) {
                if (buffer[offset + y * INPUT + x] > threshold) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertTrue(maxX >= minX && maxY >= minY, "rectangle visible in the input buffer");
        Box found = t.toOriginal(new Box(minX, minY, maxX + 1, maxY + 1));
        // Within one input pixel, expressed in original pixels.
        float tolX = 1f / t.scaleX();
        float tolY = 1f / t.scaleY();
        assertEquals(rect[0], found.x1(), tolX, "x1 " + found);
        assertEquals(rect[1], found.y1(), tolY, "y1 " + found);
        assertEquals(rect[2], found.x2(), tolX, "x2 " + found);
        assertEquals(rect[3], found.y2(), tolY, "y2 " + found);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void paddingHoldsThePadValueAndContentDoesNot(ResizeMode mode, int width, int height, int[] rect) {
        RgbImage image = TestImages.canvas(width, height, new Color(128, 128, 128)).rgbImage();
        float[] buffer = new float[3 * INPUT * INPUT];
        ImageTransform t = new Preprocessor(spec(mode)).writeInto(image, buffer, 0);
        int padX = Math.round(t.padX());
        int padY = Math.round(t.padY());
        int contentW = t.contentWidth();
        int contentH = t.contentHeight();
        if (mode == ResizeMode.STRETCH) {
            assertEquals(0, padX);
            assertEquals(0, padY);
            assertEquals(INPUT, contentW);
            assertEquals(INPUT, contentH);
        } else if (width > height) {
            assertEquals(INPUT, contentW);
            assertEquals(Math.round(height * INPUT / (float) width), contentH);
            assertTrue(padY > 0);
        } else {
            assertEquals(INPUT, contentH);
            assertTrue(padX > 0);
        }
        int padPixels = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < INPUT; y++) {
                for (int x = 0; x < INPUT; x++) {
                    boolean content = x >= padX && x < padX + contentW && y >= padY && y < padY + contentH;
                    float v = buffer[c * INPUT * INPUT + y * INPUT + x];
                    assertEquals(content ? 128 / 255f : PAD, v, 1e-6f, "channel " + c + " at " + x + "," + y);
                    padPixels += content ? 0 : 1;
                }
            }
        }
        assertEquals(3 * (INPUT * INPUT - contentW * contentH), padPixels);
    }
}
