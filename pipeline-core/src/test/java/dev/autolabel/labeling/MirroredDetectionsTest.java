package dev.autolabel.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.image.RgbImage;
import dev.autolabel.model.Detector;
import dev.autolabel.model.Detectors;
import dev.autolabel.model.ExecutionSettings;
import dev.autolabel.model.SessionCache;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mirrored pass-1 run of the flip-consistency check, on the real fixture detector. */
class MirroredDetectionsTest {

    private static final TestImages.Canvas LEFT_RED_RIGHT_BLUE = TestImages.canvas(200, 100, Color.GRAY)
            .fill(10, 20, 50, 70, Color.RED).fill(140, 30, 190, 90, Color.BLUE);

    @Test
    void mirroringSwapsColumnsOnly() {
        RgbImage image = LEFT_RED_RIGHT_BLUE.rgbImage();
        RgbImage mirrored = image.mirroredHorizontally();

        for (int[] p : new int[][] {{0, 0}, {10, 20}, {49, 69}, {150, 40}, {199, 99}}) {
            for (int c = 0; c < 3; c++) {
                assertEquals(image.channel(p[0], p[1], c), mirrored.channel(199 - p[0], p[1], c));
            }
        }
        assertEquals(255, mirrored.channel(199 - 10, 20, 0), "the red blob moved to the right");
    }

    @Test
    void theMirroredRunsBoxesComeBackInOriginalPixels() {
        Detector yolo = Detectors.closedSet(SessionCache.get(FixtureModels.yolo(), Optional.empty(), ExecutionSettings.cpu()),
                FixtureModels.yoloSpec(), 0.5f, 2);
        List<RgbImage> images = List.of(LEFT_RED_RIGHT_BLUE.rgbImage());

        List<Detection> direct = sorted(yolo.detect(images).get(0));
        List<Detection> back = sorted(MirroredDetections.detect(yolo, images).get(0));

        assertEquals(List.of("red", "blue"), direct.stream().map(Detection::label).toList());
        assertEquals(direct.stream().map(Detection::label).toList(), back.stream().map(Detection::label).toList());
        for (int i = 0; i < direct.size(); i++) {
            Box a = direct.get(i).box();
            Box b = back.get(i).box();
            assertTrue(a.iou(b) > 0.9f, a + " vs mirrored-and-back " + b);
        }
        assertTrue(back.get(0).box().x2() < 100, "red stays on the left: " + back.get(0).box());
    }

    private static List<Detection> sorted(List<Detection> detections) {
        return detections.stream().sorted(Comparator.comparing(d -> d.box().x1())).toList();
    }
}
