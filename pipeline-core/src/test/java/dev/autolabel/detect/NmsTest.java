package dev.autolabel.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {

    private static Detection det(float x1, float y1, float x2, float y2, int cls, float score) {
        return new Detection(new Box(x1, y1, x2, y2), cls, "c" + cls, score);
    }

    @Test
    void iouAndCoverageOfKnownBoxes() {
        Box a = new Box(0, 0, 10, 10);
        Box b = new Box(5, 0, 15, 10);
        assertEquals(50f, a.intersectionArea(b));
        assertEquals(50f / 150f, a.iou(b), 1e-6f);
        assertEquals(0.5f, a.fractionCoveredBy(b), 1e-6f);
        Box inner = new Box(2, 2, 4, 4);
        assertEquals(1f, inner.fractionCoveredBy(a));
        assertEquals(4f / 100f, inner.iou(a), 1e-6f);
        assertEquals(0f, a.iou(new Box(10, 0, 20, 10)), "touching boxes do not overlap");
        assertEquals(0f, new Box(1, 1, 1, 1).iou(new Box(1, 1, 1, 1)), "degenerate boxes have IoU 0");
    }

    @Test
    void boxValidatesAndConverts() {
        assertThrows(IllegalArgumentException.class, () -> new Box(5, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Box(Float.NaN, 0, 1, 1));
        assertEquals(new Box(5, 5, 15, 25), Box.fromCenter(10, 15, 10, 20));
        assertEquals(new Box(1, 2, 3, 4), Box.ofCorners(3, 4, 1, 2));
        assertEquals(new Box(0, 0, 100, 50), new Box(-10, -5, 120, 50).clipTo(100, 50));
        assertEquals(new Box(80, 0, 90, 10), new Box(10, 0, 20, 10).flipHorizontally(100));
    }

    @Test
    void classAgnosticSuppressesAcrossClasses() {
        List<Detection> kept = Nms.classAgnostic(List.of(
                det(0, 0, 10, 10, 0, 0.6f),
                det(1, 1, 10, 10, 1, 0.9f),
                det(50, 50, 60, 60, 0, 0.5f)), 0.5f);
        assertEquals(List.of(0.9f, 0.5f), kept.stream().map(Detection::score).toList());
    }

    @Test
    void classAwareKeepsOverlapsOfDifferentClasses() {
        List<Detection> kept = Nms.classAware(List.of(
                det(0, 0, 10, 10, 0, 0.6f),
                det(1, 1, 10, 10, 1, 0.9f),
                det(0, 0, 10, 9, 1, 0.8f)), 0.5f);
        assertEquals(List.of(0.9f, 0.6f), kept.stream().map(Detection::score).toList());
    }

    @Test
    void overlapAtOrBelowThresholdIsKept() {
        // IoU of these two is exactly 1/3.
        List<Detection> input = List.of(det(0, 0, 10, 10, 0, 0.9f), det(5, 0, 15, 10, 0, 0.8f));
        assertEquals(2, Nms.classAgnostic(input, 1f / 3f).size());
        assertEquals(1, Nms.classAgnostic(input, 0.3f).size());
    }

    @Test
    void emptyInputAndBadThreshold() {
        assertEquals(List.of(), Nms.classAware(List.of(), 0.5f));
        assertThrows(IllegalArgumentException.class, () -> Nms.classAgnostic(List.of(), 1.5f));
    }
}
