package dev.autolabel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Assertions on fixture-model detections: which labels fired and where, within a few original pixels. */
final class Expect {

    /** One input pixel of a 200-wide image letterboxed to 64 is ~3 original pixels; blob edges land within one. */
    static final float TOLERANCE_PX = 4f;

    private Expect() {
    }

    /** {@code detections} are exactly one per expected label, each close to its box and confidently scored. */
    static void detections(Map<String, Box> expected, List<Detection> detections) {
        Map<String, List<Detection>> byLabel = detections.stream()
                .collect(Collectors.groupingBy(Detection::label, TreeMap::new, Collectors.toList()));
        assertEquals(new TreeMap<>(expected).keySet(), byLabel.keySet(), () -> "labels of " + detections);
        expected.forEach((label, box) -> {
            List<Detection> found = byLabel.get(label);
            assertEquals(1, found.size(), () -> "one detection for " + label + " in " + detections);
            Detection d = found.get(0);
            assertBox(box, d.box(), label);
            assertTrue(d.score() > 0.9f, () -> label + " scored " + d.score());
        });
    }

    static void assertBox(Box expected, Box actual, String what) {
        String message = what + ": expected " + expected + ", got " + actual;
        assertEquals(expected.x1(), actual.x1(), TOLERANCE_PX, message);
        assertEquals(expected.y1(), actual.y1(), TOLERANCE_PX, message);
        assertEquals(expected.x2(), actual.x2(), TOLERANCE_PX, message);
        assertEquals(expected.y2(), actual.y2(), TOLERANCE_PX, message);
    }
}
