package dev.autolabel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DctScaleTest {

    private static final InputSpec YOLO_640 = InputSpec.yolo(640, 640);

    @ParameterizedTest(name = "{0}x{1} for a 640 letterbox: 1/{2}")
    @CsvSource({
        "1920, 1080, 2",   // content 640x360; 1/4 would be 480x270
        "4032, 3024, 4",   // content 640x480; 1008x756 covers it, 504x378 does not
        "3024, 4032, 4",
        "5120, 2880, 8",   // 640x360 at 1/8 is exactly the content
        "1281, 721, 2",    // ceil: 641x361 covers 640x360
        "1270, 720, 1",    // content 640x363; 1/2 gives 635 columns
        "640, 480, 1",
        "320, 240, 1"})
    void picksTheSmallestScaleThatCoversTheLetterboxContent(int width, int height, int expected) {
        assertEquals(expected, DctScale.denominator(width, height, List.of(YOLO_640)));
    }

    @Test
    void stretchedInputsNeedTheWholeInputCovered() {
        InputSpec stretch = new InputSpec(768, 768, ResizeMode.STRETCH, 0, false, new float[3], new float[] {1, 1, 1});
        assertEquals(1, DctScale.denominator(1920, 1080, List.of(stretch)), "1/2 gives 540 rows, fewer than 768");
        assertEquals(2, DctScale.denominator(4032, 3024, List.of(stretch)), "1/2 gives 2016x1512; 1/4 1008x756 < 768");
    }

    @Test
    void severalTargetsTakeTheLeastReduction() {
        InputSpec big = InputSpec.yolo(1280, 1280);
        assertEquals(2, DctScale.denominator(4032, 3024, List.of(YOLO_640, big)));
        assertEquals(4, DctScale.denominator(4032, 3024, List.of(YOLO_640, InputSpec.yolo(320, 320))));
    }

    @Test
    void noTargetsMeansFullSize() {
        assertEquals(1, DctScale.denominator(4032, 3024, List.of()));
    }
}
