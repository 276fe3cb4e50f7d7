package dev.autolabel.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autolabel.detect.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** COCO metrics on cases small enough to compute by hand (pycocotools' conventions). */
class CocoEvaluatorTest {

    private static final double EPS = 1e-9;
    private static final Box GT = new Box(0, 0, 100, 100); // area 10,000: "large"

    /** {@code np.linspace(.5, 0.95, 10)} as numpy 1.24 prints it (repr: the exact doubles). */
    private static final double[] NUMPY_IOU_THRESHOLDS = {
        0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95};

    /** {@code np.linspace(.0, 1.00, 101)} as numpy 1.24 prints it. */
    private static final double[] NUMPY_RECALL_THRESHOLDS = {
        0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07,
        0.08, 0.09, 0.1, 0.11, 0.12, 0.13, 0.14, 0.15,
        0.16, 0.17, 0.18, 0.19, 0.2, 0.21, 0.22, 0.23,
        0.24, 0.25, 0.26, 0.27, 0.28, 0.29, 0.3, 0.31,
        0.32, 0.33, 0.34, 0.35000000000000003, 0.36, 0.37, 0.38, 0.39,
        0.4, 0.41000000000000003, 0.42, 0.43, 0.44, 0.45, 0.46, 0.47000000000000003,
        0.48, 0.49, 0.5, 0.51, 0.52, 0.53, 0.54, 0.55,
        0.56, 0.5700000000000001, 0.58, 0.59, 0.6, 0.61, 0.62, 0.63,
        0.64, 0.65, 0.66, 0.67, 0.68, 0.6900000000000001, 0.7000000000000001, 0.71,
        0.72, 0.73, 0.74, 0.75, 0.76, 0.77, 0.78, 0.79,
        0.8, 0.81, 0.8200000000000001, 0.8300000000000001, 0.84, 0.85, 0.86, 0.87,
        0.88, 0.89, 0.9, 0.91, 0.92, 0.93, 0.9400000000000001, 0.9500000000000001,
        0.96, 0.97, 0.98, 0.99, 1.0};

    @Test
    void iouThresholdsAndRecallPointsAreNumpysLinspaceBitForBit() {
        // assertArrayEquals on double[] compares bit patterns: 0.85 and 0.8500000000000001 differ.
        assertArrayEquals(NUMPY_IOU_THRESHOLDS, CocoEvaluator.IOU_THRESHOLDS);
        assertArrayEquals(NUMPY_RECALL_THRESHOLDS, CocoEvaluator.RECALL_THRESHOLDS);
        assertEquals(0.85, CocoEvaluator.IOU_THRESHOLDS[7], 0.0, "not 0.5 + 0.05 * 7 = 0.8500000000000001");
        assertEquals(0.8200000000000001, CocoEvaluator.RECALL_THRESHOLDS[82], 0.0, "not 82 / 100.0 = 0.82");
    }

    @Test
    void aBoxAtIouExactlyOnAThresholdMatchesAtIt() {
        // IoU 8,500 / 10,000 = 0.85 exactly: a hit at .50 to .85 (8 of 10 thresholds), as pycocotools counts it.
        CocoMetrics m = CocoEvaluator.evaluate(Set.of(1L), Set.of(1), List.of(GroundTruthBox.of(1, 1, GT)),
                List.of(new ScoredBox(1, 1, new Box(0, 0, 100, 85), 0.9f)));
        assertEquals(0.8, m.ap(), 1e-9);
        assertEquals(0.8, m.ar100(), 1e-9);
    }

    @Test
    void aFinalRecallJustBelowItsRecallPointDoesNotReachIt() {
        // 41 of 50 found: recall 0.82 < 0.8200000000000001, so the curve holds 82 of the 101 points (pycocotools).
        List<GroundTruthBox> truth = new ArrayList<>();
        List<ScoredBox> found = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Box box = new Box(200 * i, 0, 200 * i + 100, 100);
            truth.add(GroundTruthBox.of(1, 1, box));
            if (i < 41) {
                found.add(new ScoredBox(1, 1, box, 0.9f));
            }
        }
        CocoMetrics m = CocoEvaluator.evaluate(Set.of(1L), Set.of(1), truth, found);
        assertEquals(82.0 / 101, m.ap(), 1e-9);
        assertEquals(0.82, m.ar100(), 1e-9);
    }

    @Test
    void boxAreasAndIousAreComputedInDoublePrecision() {
        // 4,099 x 4,105 px against 4,099 x 3,284: IoU exactly 0.8, a hit at .50 to .80. The union (over 2^24 px) in
        // float arithmetic loses a pixel and gives 0.79999995, a miss at .80.
        CocoMetrics m = CocoEvaluator.evaluate(Set.of(1L), Set.of(1),
                List.of(GroundTruthBox.of(1, 1, new Box(0, 0, 4099, 4105))),
                List.of(new ScoredBox(1, 1, new Box(0, 0, 4099, 3284), 0.9f)));
        assertEquals(0.7, m.ap(), 1e-9);
    }

    @Test
    void tiedScoresKeepTheirGivenOrderAsNumpysStableSort() {
        // 0 and -0 are one score to numpy: the false positive listed first ranks first, precision 0.5 at every recall.
        CocoMetrics m = CocoEvaluator.evaluate(Set.of(1L), Set.of(1), List.of(GroundTruthBox.of(1, 1, GT)),
                List.of(new ScoredBox(1, 1, new Box(200, 200, 300, 300), -0.0f), new ScoredBox(1, 1, GT, 0.0f)));
        assertEquals(0.5, m.ap(), 1e-9);
    }

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
        GroundTruthBox crowd = new GroundTruthBox(1, 1, new CocoBox(0, 0, 400, 400), true, 160_000);
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
