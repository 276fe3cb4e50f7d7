package dev.autolabel.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's two halves of preprocessing (resize on a decode thread, normalise on the inference thread, into
 * an array or straight into the direct batch tensor) give exactly the floats of the one-step path.
 */
class PreprocessorHalvesTest {

    private static final InputSpec BGR_NORMALISED = new InputSpec(48, 32, ResizeMode.LETTERBOX, 114, true,
            new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    @Test
    void resizeThenNormaliseEqualsTheOneStepPath() {
        RgbImage image = TestImages.canvas(90, 70, new Color(30, 160, 220)).fill(10, 5, 50, 40, Color.RED).rgbImage();
        Preprocessor preprocessor = new Preprocessor(BGR_NORMALISED);
        int plane = BGR_NORMALISED.planeFloats();
        float[] oneStep = new float[2 * plane];
        ImageTransform expected = preprocessor.writeInto(image, oneStep, plane);

        byte[] resized = new byte[plane];
        ImageTransform transform = preprocessor.resizeInto(image, resized);
        float[] array = new float[2 * plane];
        preprocessor.normaliseInto(resized, array, plane);
        FloatBuffer direct = ByteBuffer.allocateDirect(2 * plane * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        preprocessor.normaliseInto(resized, direct, plane);
        float[] fromDirect = new float[2 * plane];
        direct.get(0, fromDirect);

        assertEquals(expected, transform);
        assertArrayEquals(oneStep, array);
        assertArrayEquals(oneStep, fromDirect);
        assertEquals(0, direct.position(), "absolute writes leave the buffer's position alone");
    }

    @Test
    void resizedBytesAreRgbPlanesWhateverTheModelsChannelOrder() {
        RgbImage red = TestImages.canvas(48, 32, Color.RED).rgbImage();
        byte[] resized = new byte[BGR_NORMALISED.planeFloats()];
        new Preprocessor(BGR_NORMALISED).resizeInto(red, resized);
        int plane = 48 * 32;
        assertEquals((byte) 255, resized[plane / 2], "red plane first");
        assertEquals(0, resized[plane + plane / 2], "then green");
        assertEquals(0, resized[2 * plane + plane / 2], "then blue");
    }

    @Test
    void modelsResizeAlikeWhenSizeFitAndPaddingMatch() {
        Preprocessor a = new Preprocessor(InputSpec.yolo(64, 64));
        assertTrue(a.resizesLike(new Preprocessor(new InputSpec(64, 64,
                ResizeMode.LETTERBOX, 114, true, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.2f, 0.2f, 0.2f}))),
                "normalisation and channel order are applied later");
        assertFalse(a.resizesLike(new Preprocessor(InputSpec.yolo(64, 48))));
        assertFalse(a.resizesLike(new Preprocessor(new InputSpec(64, 64, ResizeMode.STRETCH, 114, false,
                new float[3], new float[] {1f, 1f, 1f}))));
    }
}
