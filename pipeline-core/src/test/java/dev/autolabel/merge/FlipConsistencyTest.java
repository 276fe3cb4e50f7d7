package dev.autolabel.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.label.LabeledDetection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flip-consistency gate of pass 1: a detection needs a same-class partner in the mirrored run. */
class FlipConsistencyTest {

    private static final PrecisionParams FLIP = new PrecisionParams(0.6f, Map.of("dog", 0.9f), 0.5f, 0f, 0f, true, 0.5f);
    private static final Box CAT = new Box(0, 0, 100, 100);

    private static Detection cat(Box box, float score) {
        return new Detection(box, 0, "cat", score);
    }

    @Test
    void aDetectionWithAMatchingMirroredBoxSurvivesFlagged() {
        PrecisionResult result = new PrecisionPass(FLIP).filter(List.of(cat(CAT, 0.9f)), List.of(cat(new Box(5, 0, 100, 100), 0.8f)));

        assertEquals(1, result.kept().size());
        assertTrue(result.kept().get(0).qaFlags().contains(QaFlags.FLIP_CONSISTENT));
        assertEquals(0, result.rejectedByFlip());
    }

    @Test
    void noMatchOrAMatchBelowFlipIouIsRejectedAndCounted() {
        // IoU of [0,100) and [50,150) is 50/150 = 0.33 < 0.5.
        PrecisionResult result = new PrecisionPass(FLIP).filter(
                List.of(cat(CAT, 0.9f), cat(new Box(300, 0, 400, 100), 0.9f)), List.of(cat(new Box(50, 0, 150, 100), 0.9f)));

        assertEquals(List.of(), result.kept());
        assertEquals(2, result.rejectedByFlip());
    }

    @Test
    void theMirroredPartnerMustHaveTheSameClassAndPassItsThreshold() {
        PrecisionPass pass = new PrecisionPass(FLIP);
        Detection dogAsPartner = new Detection(CAT, 1, "dog", 0.95f);
        assertEquals(1, pass.filter(List.of(cat(CAT, 0.9f)), List.of(dogAsPartner)).rejectedByFlip(), "other class");
        assertEquals(1, pass.filter(List.of(cat(CAT, 0.9f)), List.of(cat(CAT, 0.59f))).rejectedByFlip(), "below threshold");

        Detection dog = new Detection(CAT, 1, "dog", 0.95f);
        assertEquals(1, pass.filter(List.of(dog), List.of(new Detection(CAT, 1, "dog", 0.85f))).rejectedByFlip(),
                "the partner of a dog needs the dog's own threshold 0.9");
        assertEquals(1, pass.filter(List.of(dog), List.of(new Detection(CAT, 1, "dog", 0.91f))).kept().size());
    }

    @Test
    void flipIouIsConfigurable() {
        PrecisionParams loose = new PrecisionParams(0.6f, Map.of(), 0.5f, 0f, 0f, true, 0.3f);
        List<Detection> mirrored = List.of(cat(new Box(50, 0, 150, 100), 0.9f));

        assertEquals(1, new PrecisionPass(loose).filter(List.of(cat(CAT, 0.9f)), mirrored).kept().size());
    }

    @Test
    void whenTheCheckIsOffMirroredDetectionsAreIgnoredAndNoFlagIsSet() {
        PrecisionParams off = new PrecisionParams(0.6f, Map.of(), 0.5f, 0f, 0f);
        PrecisionResult result = new PrecisionPass(off).filter(List.of(cat(CAT, 0.9f)), List.of());

        LabeledDetection kept = result.kept().get(0);
        assertFalse(kept.qaFlags().contains(QaFlags.FLIP_CONSISTENT));
        assertFalse(new PrecisionPass(off).needsMirroredRun());
    }

    @Test
    void filteringWithoutTheMirroredRunIsRefusedWhenTheCheckIsOn() {
        assertTrue(new PrecisionPass(FLIP).needsMirroredRun());
        assertThrows(IllegalStateException.class, () -> new PrecisionPass(FLIP).filter(List.of(cat(CAT, 0.9f))));
        assertThrows(IllegalArgumentException.class, () -> new PrecisionParams(0.6f, Map.of(), 0.5f, 0f, 0f, true, 1.5f));
    }
}
