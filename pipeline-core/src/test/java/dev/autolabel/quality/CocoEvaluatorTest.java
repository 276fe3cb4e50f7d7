package dev.autolabel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autolabel.detect.Box;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** COCO metrics on cases small enough to compute by hand (pycocotools' conventions). */
class CocoEvaluatorTest {

    private static final double EPS = 1e-9;
    private static final Box GT = new Box(0, 0, 100, 100); // area 10,000: "large"

    @Test
    void perfectDetectionsScoreOneEverywhere() {
        CocoMetrics m = CocoEvaluator.evaluate(Set.of(1L, 2L), Set.of(7),
                List.of(GroundTruthBox.of(1, 7, GT), GroundTruthBox.of(2, 7, new Box(10, 10, 50, 50))),
                List.of(new ScoredBox(1, 7, GT, 0.9f), new ScoredBox(2, 7, new Box(10, 10, 50, 50), 0.8f)));
        assertEquals(1.0, m.ap(), EPS);
        assertEquals(1.0, m.ap50(), EPS);
        assertEquals(1.0, m.ar100(), EPS);
        assertEquals(1.0, m.apLarge(), EPS);
        assertEquals(1.0, m.apMedium(), EPS, "the 40x40 box is medium (1,600 px)");
        assertEquals(-1.0, m.apSmall(), EPS, "no small ground truth: undefined");
        assertEquals(1.0, m.precision(), EPS);
        assertEquals(1.0, m.f1(), EPS);
    }

    @Test
    void aHigherScoredFalsePositiveHalvesPrecisionAtEveryRecall() {
        // FP (0.95) then TP (0.9): precision 0, 0.5 -> interpolated 0.5 at every recall level.
        CocoMetrics m = CocoEvaluator.evaluate(Set.of(1L), Set.of(1), List.of(GroundTruthBox.of(1, 1, GT)),
                List.of(new ScoredBox(1, 1, new Box(200, 200, 300, 300), 0.95f), new ScoredBox(1, 1, GT, 0.9f)));
        assertEquals(0.5, m.ap(), 1e-6);
        assertEquals(1.0, m.ar100(), EPS);
        assertEquals(0.0, m.ar1(), EPS, "with one detection allowed only the false positive counts");
        assertEquals(0.5, m.precision(), EPS);
        assertEquals(1.0, m.recall(), EPS);
    }

    @Test
    void aLowerScoredFalsePositiveCostsNothingInAp() {
        CocoMetrics m = CocoEvaluator.evaluate(Set.of(1L), Set.of(1), List.of(GroundTruthBox.of(1, 1, GT)),
                List.of(new ScoredBox(1, 1, GT, 0.9f), new ScoredBox(1, 1, new Box(200, 200, 300, 300), 0.3f)));
        assertEquals(1.0, m.ap(), 1e-6);
        assertEquals(0.5, m.precision(), EPS, "but the operating point keeps it");
    }

    @Test
    void localisationAtIou072CountsForHalfTheThresholds() {
        // IoU = 72 * 100 / 10,000 = 0.72: a hit at .50, .55, .60, .65, .70 and a miss at .75 and above.
        CocoMetrics m = CocoEvaluator.evaluate(Set.of(1L), Set.of(1), List.of(GroundTruthBox.of(1, 1, GT)),
                List.of(new ScoredBox(1, 1, new Box(0, 0, 100, 72), 0.9f)));
        assertEquals(0.5, m.ap(), 1e-6);
        assertEquals(1.0, m.ap50(), 1e-6);
        assertEquals(0.0, m.ap75(), 1e-6);
        assertEquals(0.5, m.ar100(), 1e-6);
    }

    @Test
    void aMissedObjectCapsRecallAndTheCurve() {
        // Two objects, one found: precision 1 up to recall 0.5, i.e. 51 of the 101 recall levels.
        CocoMetrics m = CocoEvaluator.evaluate(Set.of(1L), Set.of(1),
                List.of(GroundTruthBox.of(1, 1, GT), GroundTruthBox.of(1, 1, new Box(200, 0, 300, 100))),
                List.of(new ScoredBox(1, 1, GT, 0.9f)));
        assertEquals(51.0 / 101, m.ap(), 1e-6);
        assertEquals(0.5, m.ar100(), EPS);
        assertEquals(0.5, m.recall(), EPS);
        assertEquals(2.0 / 3, m.f1(), EPS);
    }

    @Test
    void detectionsInACrowdRegionAreIgnoredNotFalse() {
        GroundTruthBox crowd = new GroundTruthBox(1, 1, new Box(0, 0, 400, 400), true, 160_000);
        CocoMetrics m = CocoEvaluator.evaluate(Set.of(1L), Set.of(1), List.of(GroundTruthBox.of(1, 1, GT), crowd),
                List.of(new ScoredBox(1, 1, GT, 0.9f), new ScoredBox(1, 1, new Box(250, 250, 300, 300), 0.95f)));
        assertEquals(1.0, m.ap(), 1e-6, "the crowd-covered detection is neither TP nor FP");
        assertEquals(0, m.falsePositives());
        assertEquals(1, m.groundTruths(), "crowd regions are not objects to find");
    }

    @Test
    void classesAreMatchedSeparatelyAndAveraged() {
        // Class 1 perfect; class 2's only detection has the wrong class: AP(2) = 0, mean 0.5.
        CocoMetrics m = CocoEvaluator.evaluate(Set.of(1L), Set.of(1, 2),
                List.of(GroundTruthBox.of(1, 1, GT), GroundTruthBox.of(1, 2, new Box(200, 0, 300, 100))),
                List.of(new ScoredBox(1, 1, GT, 0.9f), new ScoredBox(1, 1, new Box(200, 0, 300, 100), 0.8f)));
        assertEquals(1.0, m.apPerCategory().get(1), 1e-6);
        assertEquals(0.0, m.apPerCategory().get(2), 1e-6);
        assertEquals(0.5, m.ap(), 1e-6);
    }

    @Test
    void detectionsOnImagesWithoutObjectsAreFalsePositives() {
        CocoMetrics m = CocoEvaluator.evaluate(Set.of(1L, 2L), Set.of(1), List.of(GroundTruthBox.of(1, 1, GT)),
                List.of(new ScoredBox(2, 1, GT, 0.99f), new ScoredBox(1, 1, GT, 0.5f)));
        assertEquals(0.5, m.ap(), 1e-6);
        assertEquals(1, m.falsePositives());
    }
}
