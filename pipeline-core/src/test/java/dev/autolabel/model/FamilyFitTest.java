package dev.autolabel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autolabel.detect.Box;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.InputSpec;
import dev.autolabel.image.ResizeMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fits the families need beside letterbox and stretch: DETR's and Grounding DINO's short side 800 / long side
 * 1333 (sizes as Hugging Face's get_resize_output_image_size computes them) and OWLv2's pad-to-square.
 */
class FamilyFitTest {

    private static final InputSpec SHORT_SIDE = new InputSpec(1333, 800, ResizeMode.SHORT_SIDE, 0, false, new float[3],
            new float[] {1, 1, 1});
    private static final InputSpec PAD_SQUARE = new InputSpec(960, 960, ResizeMode.PAD_SQUARE, 128, false, new float[3],
            new float[] {1, 1, 1});

    @ParameterizedTest(name = "{0}x{1} -> {2}x{3}")
    @CsvSource({"1920,1080,1333,750", "1280,720,1333,750", "720,1280,750,1333", "640,480,1066,800", "800,800,800,800",
        "500,2000,333,1333", "1000,800,1000,800"})
    void shortSideSizesAreHuggingFacesOwn(int w, int h, int ow, int oh) {
        ImageTransform t = ImageTransform.fit(w, h, SHORT_SIDE);
        assertEquals(ow, t.planeWidth(SHORT_SIDE));
        assertEquals(oh, t.planeHeight(SHORT_SIDE));
        assertEquals(new Box(0, 0, w, h), t.toOriginal(new Box(0, 0, ow, oh)), "the whole plane is the whole image");
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1920,1080", "720,1280", "960,960"})
    void padSquareKeepsTheImageTopLeftAndScalesByTheLongSide(int w, int h) {
        ImageTransform t = ImageTransform.fit(w, h, PAD_SQUARE);
        float scale = 960f / Math.max(w, h);
        assertEquals(0f, t.padX());
        assertEquals(0f, t.padY());
        assertEquals(Math.round(w * scale), t.contentWidth());
        assertEquals(Math.round(h * scale), t.contentHeight());
        assertEquals(960, t.planeWidth(PAD_SQUARE), "a fixed 960x960 plane");
    }
}
