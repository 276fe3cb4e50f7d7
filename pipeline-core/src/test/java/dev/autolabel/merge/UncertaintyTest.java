package dev.autolabel.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The review score: each signal alone gives exactly its documented weight, and they combine as a noisy-or. */
class UncertaintyTest {

    private static final float EPS = 1e-5f;
    private static final PrecisionParams PASS1 = new PrecisionParams(0.6f, Map.of("person", 0.8f), 0.5f, 0f, 0f);
    private static final OpenVocabParams PASS2 = new OpenVocabParams(0.3f, Map.of(), 0.5f, 0.8f);
    private static final Uncertainty BOTH_PASSES = new Uncertainty(PASS1, Optional.of(PASS2), Set.of("car", "ball", "person"));
    private static final Uncertainty PASS1_ONLY = new Uncertainty(PASS1, Optional.empty(), Set.of());
    private static final Box CAR_BOX = new Box(100, 100, 200, 200);

    private static LabeledDetection precise(String label, float score, Box box, String... flags) {
        return new LabeledDetection(label, 0, score, box, Source.PRECISE, Optional.empty(), Optional.empty(), List.of(flags));
    }

    private static LabeledDetection confirmed(String label, float score, Box box) {
        return precise(label, score, box, QaFlags.CONFIRMED_BY_OPEN_VOCAB);
    }

    private static LabeledDetection gapFill(String label, float score, Box box) {
        return new LabeledDetection(label, 1, score, box, Source.OPEN_VOCAB, Optional.of("a " + label), Optional.empty(),
                List.of(QaFlags.GAP_FILL));
    }

    private static Detection raw(String label, float score, Box box) {
        return new Detection(box, 0, label, score);
    }

    @Test
    void confidentConfirmedLabelsWithNoNearMissesScoreZero() {
        List<LabeledDetection> labels = List.of(confirmed("car", 0.95f, CAR_BOX));
        assertEquals(0f, BOTH_PASSES.score(labels, List.of(raw("car", 0.95f, CAR_BOX))), EPS);
    }

    @Test
    void aKeptLabelCloseAboveItsThresholdIsBorderline() {
        assertEquals(Uncertainty.W_BORDERLINE * 0.5f, PASS1_ONLY.score(List.of(precise("car", 0.65f, CAR_BOX)), List.of()), EPS);
        assertEquals(Uncertainty.W_BORDERLINE, PASS1_ONLY.score(List.of(precise("car", 0.6f, CAR_BOX)), List.of()), EPS);
        assertEquals(0f, PASS1_ONLY.score(List.of(precise("car", 0.7f, CAR_BOX)), List.of()), EPS, "a full margin above");
    }

    @Test
    void perClassThresholdsDecideWhatIsBorderline() {
        // 0.85 is far above the default 0.6 but only 0.05 above person's own 0.8.
        assertEquals(Uncertainty.W_BORDERLINE * 0.5f, PASS1_ONLY.score(List.of(precise("person", 0.85f, CAR_BOX)), List.of()), EPS);
    }

    @Test
    void aGapFillLabelCountsAsGapFillAndIsBorderlineAgainstThePassTwoThreshold() {
        Box ball = new Box(300, 300, 340, 340);
        assertEquals(Uncertainty.W_GAP_FILL, BOTH_PASSES.score(List.of(gapFill("ball", 0.9f, ball)), List.of()), EPS);
        float borderline = Uncertainty.W_BORDERLINE * 0.5f; // 0.35 is 0.05 above pass 2's 0.3
        assertEquals(1 - (1 - Uncertainty.W_GAP_FILL) * (1 - borderline),
                BOTH_PASSES.score(List.of(gapFill("ball", 0.35f, ball)), List.of()), EPS);
    }

    @Test
    void aSwitchedOffClassIsNeverANearMiss() {
        PrecisionParams dogsOff = new PrecisionParams(0.6f, Map.of(), 0.5f, 0f, 0f, false, 0.5f, Set.of("dog"));
        Uncertainty score = new Uncertainty(dogsOff, Optional.of(PASS2), Set.of("car"));
        List<LabeledDetection> labels = List.of(confirmed("car", 0.95f, CAR_BOX));

        assertEquals(0f, score.score(labels, List.of(raw("dog", 0.58f, new Box(300, 300, 360, 360)))), EPS);
    }

    @Test
    void aNearMissOfAnotherClassIsBorderlineButADuplicateOfAKeptLabelIsNot() {
        List<LabeledDetection> labels = List.of(confirmed("car", 0.95f, CAR_BOX));
        Box elsewhere = new Box(300, 300, 360, 360);
        assertEquals(Uncertainty.W_BORDERLINE * 0.8f, BOTH_PASSES.score(labels, List.of(raw("dog", 0.58f, elsewhere))), EPS,
                "an object pass 1 nearly labeled");
        assertEquals(Uncertainty.W_BORDERLINE * 0.8f, BOTH_PASSES.score(labels, List.of(raw("truck", 0.58f, CAR_BOX))), EPS,
                "another class nearly fired on the same box");
        assertEquals(0f, BOTH_PASSES.score(labels, List.of(raw("car", 0.58f, new Box(102, 101, 201, 199)))), EPS,
                "a weaker duplicate of the kept car");
        assertEquals(0f, BOTH_PASSES.score(labels, List.of(raw("dog", 0.45f, elsewhere))), EPS, "more than a margin below");
    }

    @Test
    void aFineLabelIsAClassConflict() {
        LabeledDetection car = confirmed("car", 0.95f, CAR_BOX).withFineLabel("truck");
        assertEquals(Uncertainty.W_CONFLICT, BOTH_PASSES.score(List.of(car), List.of()), EPS);
    }

    @Test
    void passOneLabelsNotConfirmedByPassTwoCountOnlyWhenPassTwoRanAndKnowsTheLabel() {
        List<LabeledDetection> labels = List.of(confirmed("car", 0.95f, CAR_BOX), precise("car", 0.95f, new Box(300, 0, 400, 90)));
        assertEquals(Uncertainty.W_UNCONFIRMED * 0.5f, BOTH_PASSES.score(labels, List.of()), EPS);
        assertEquals(0f, PASS1_ONLY.score(labels, List.of()), EPS);
        List<LabeledDetection> withTruck = new ArrayList<>(labels);
        withTruck.add(precise("truck", 0.95f, new Box(500, 0, 600, 90)));
        assertEquals(Uncertainty.W_UNCONFIRMED * 0.5f, BOTH_PASSES.score(withTruck, List.of()), EPS,
                "pass 2 has no truck prompt: an unconfirmed truck says nothing");
    }

    @Test
    void anImageWithNoLabelsGetsTheEmptyWeightUnlessSomethingNearlyFired() {
        assertEquals(Uncertainty.W_EMPTY, BOTH_PASSES.score(List.of(), List.of()), EPS);
        float nearMiss = Uncertainty.W_BORDERLINE * 0.5f;
        assertEquals(1 - (1 - Uncertainty.W_EMPTY) * (1 - nearMiss),
                BOTH_PASSES.score(List.of(), List.of(raw("car", 0.55f, CAR_BOX))), EPS);
    }

    @Test
    void crowdingGrowsWithOverlappingLabelsUntilFull() {
        List<LabeledDetection> two = List.of(precise("person", 0.99f, new Box(0, 0, 100, 100)),
                precise("person", 0.99f, new Box(30, 0, 130, 100)), precise("person", 0.99f, new Box(500, 500, 600, 600)));
        assertEquals(Uncertainty.W_CROWDING * 2 / Uncertainty.CROWD_FULL, PASS1_ONLY.score(two, List.of()), EPS,
                "two labels overlap each other (IoU 0.54), the third stands alone");
        List<LabeledDetection> crowd = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            crowd.add(precise("person", 0.99f, new Box(i * 20, 0, i * 20 + 60, 100)));
        }
        assertEquals(Uncertainty.W_CROWDING, PASS1_ONLY.score(crowd, List.of()), EPS);
    }

    @Test
    void signalsCombineAsANoisyOrThatStaysInTheUnitRangeAndNeverDecreases() {
        Uncertainty.Signals none = new Uncertainty.Signals(0, 0, 0, 0, 0, 0);
        Uncertainty.Signals all = new Uncertainty.Signals(1, 1, 1, 1, 1, 1);
        assertEquals(0f, none.combined(), EPS);
        assertTrue(all.combined() > 0.98f && all.combined() <= 1f, "all signals: " + all.combined());
        LabeledDetection conflicted = confirmed("car", 0.95f, CAR_BOX).withFineLabel("truck");
        float conflictOnly = BOTH_PASSES.score(List.of(conflicted), List.of());
        float conflictAndGap = BOTH_PASSES.score(List.of(conflicted, gapFill("ball", 0.9f, new Box(300, 300, 340, 340))), List.of());
        assertEquals(1 - (1 - Uncertainty.W_CONFLICT) * (1 - Uncertainty.W_GAP_FILL), conflictAndGap, EPS);
        assertTrue(conflictAndGap > conflictOnly);
    }
}
