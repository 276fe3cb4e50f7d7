package dev.autolabel.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.Source;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GapFillMergeTest {

    private static final MergeParams DEFAULTS = new MergeParams(0.5f, 0.6f, true, 0.7f);

    static LabeledDetection precise(String label, Box box) {
        return new LabeledDetection(label, 0, 0.9f, box, Source.PRECISE, Optional.empty(), Optional.empty(), List.of());
    }

    static LabeledDetection open(String label, Box box, float score) {
        return new LabeledDetection(label, 3, score, box, Source.OPEN_VOCAB, Optional.of("a " + label), Optional.empty(), List.of());
    }

    static Stream<Arguments> cases() {
        Box car = new Box(100, 100, 200, 200);
        return Stream.of(
                Arguments.of("pass-2 box in an empty region is kept", List.of(car), new Box(300, 300, 350, 350), true),
                Arguments.of("no pass-1 boxes at all: kept", List.of(), new Box(0, 0, 10, 10), true),
                Arguments.of("same box as pass 1 (IoU 1) is dropped", List.of(car), car, false),
                Arguments.of("IoU exactly at the threshold is dropped", List.of(car), new Box(100, 100, 200, 150), false),
                Arguments.of("IoU just below threshold and little coverage is kept", List.of(car), new Box(150, 100, 260, 200), true),
                Arguments.of("mostly inside a larger pass-1 box is dropped (low IoU, high coverage)",
                        List.of(car), new Box(110, 110, 150, 150), false),
                Arguments.of("covered by the union of two pass-1 boxes is dropped",
                        List.of(new Box(0, 0, 50, 100), new Box(50, 0, 100, 100)), new Box(10, 10, 90, 90), false),
                Arguments.of("40% covered by a pass-1 box (IoU 0.4, coverage 0.4) is kept",
                        List.of(new Box(0, 0, 40, 100)), new Box(0, 0, 100, 100), true),
                Arguments.of("touching edges only is kept", List.of(car), new Box(200, 100, 260, 200), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void keepsPassTwoBoxOnlyInGaps(String name, List<Box> preciseBoxes, Box candidate, boolean kept) {
        List<LabeledDetection> pass1 = preciseBoxes.stream().map(b -> precise("car", b)).toList();
        MergeResult result = new GapFillMerge(DEFAULTS).merge(pass1, List.of(open("ball", candidate, 0.4f)));

        assertEquals(kept ? 1 : 0, result.addedFromOpenVocab(), name);
        assertEquals(kept ? 0 : 1, result.droppedAsCovered(), name);
        assertEquals(pass1.size() + (kept ? 1 : 0), result.labels().size(), name);
        assertEquals(kept, result.labels().stream().anyMatch(l -> l.source() == Source.OPEN_VOCAB), name);
    }

    @Test
    void passOneAlwaysWinsAndKeepsItsBoxClassAndScore() {
        LabeledDetection car = precise("car", new Box(100, 100, 200, 200));
        LabeledDetection strongOverlap = open("truck", new Box(102, 102, 200, 200), 0.99f);

        MergeResult result = new GapFillMerge(DEFAULTS).merge(List.of(car), List.of(strongOverlap));

        assertEquals(1, result.labels().size());
        LabeledDetection survivor = result.labels().get(0);
        assertEquals(Source.PRECISE, survivor.source());
        assertEquals(car.box(), survivor.box());
        assertEquals("car", survivor.label());
        assertEquals(0.9f, survivor.score());
        assertEquals(Optional.of("truck"), survivor.fineLabel());
        assertFalse(survivor.qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB), "truck does not map to car");
    }

    @Test
    void aPassTwoLabelMappedToThePassOneLabelConfirmsIt() {
        LabeledDetection ball = precise("sports ball", new Box(100, 100, 200, 200));
        List<LabeledDetection> pass2 = List.of(open("soccer ball", new Box(100, 100, 200, 195), 0.5f));

        LabeledDetection unmapped = new GapFillMerge(DEFAULTS).merge(List.of(ball), pass2).labels().get(0);
        assertFalse(unmapped.qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB), "identity map: labels differ");
        assertEquals(Optional.of("soccer ball"), unmapped.fineLabel(), "enrichment does not need the map");

        MergeParams mapped = new MergeParams(0.5f, 0.6f, true, 0.7f, Map.of("soccer ball", "sports ball"));
        LabeledDetection confirmed = new GapFillMerge(mapped).merge(List.of(ball), pass2).labels().get(0);
        assertTrue(confirmed.qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB));
        assertEquals(Optional.of("soccer ball"), confirmed.fineLabel());
    }

    @Test
    void agreementNeedsEnrichIouAndLooksPastABetterOverlappingOtherClass() {
        MergeParams mapped = new MergeParams(0.5f, 0.6f, true, 0.7f, Map.of("soccer ball", "sports ball"));
        LabeledDetection ball = precise("sports ball", new Box(100, 100, 200, 200));
        LabeledDetection person = precise("person", new Box(100, 100, 200, 199));
        // IoU with the ball 0.98, with the person 0.99 (the best overlap): the ball is still confirmed.
        List<LabeledDetection> out = new GapFillMerge(mapped).merge(List.of(ball, person),
                List.of(open("soccer ball", new Box(100, 100, 200, 198), 0.5f))).labels();
        assertTrue(out.get(0).qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB));
        assertFalse(out.get(1).qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB));

        // IoU 0.6: dropped as covered, but too loose to count as agreement.
        LabeledDetection loose = new GapFillMerge(mapped).merge(List.of(ball),
                List.of(open("soccer ball", new Box(100, 100, 200, 160), 0.5f))).labels().get(0);
        assertFalse(loose.qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB));
    }

    @Test
    void enrichmentTakesTheBestScoringOverlapAndCanBeTurnedOff() {
        LabeledDetection car = precise("car", new Box(100, 100, 200, 200));
        List<LabeledDetection> pass2 = List.of(open("taxi", new Box(101, 101, 200, 200), 0.5f),
                open("police car", new Box(100, 100, 199, 199), 0.8f));

        assertEquals(Optional.of("police car"),
                new GapFillMerge(DEFAULTS).merge(List.of(car), pass2).labels().get(0).fineLabel());
        MergeParams noEnrich = new MergeParams(0.5f, 0.6f, false, 0.7f);
        assertEquals(Optional.empty(), new GapFillMerge(noEnrich).merge(List.of(car), pass2).labels().get(0).fineLabel());
    }

    @Test
    void weakOverlapDropsButDoesNotEnrich() {
        LabeledDetection car = precise("car", new Box(100, 100, 200, 200));
        // Inside the car box (coverage 1) but IoU only 0.16: dropped, yet too different to name the car.
        MergeResult result = new GapFillMerge(DEFAULTS).merge(List.of(car), List.of(open("wheel", new Box(110, 110, 150, 150), 0.9f)));

        assertEquals(1, result.labels().size());
        assertEquals(Optional.empty(), result.labels().get(0).fineLabel());
        assertFalse(result.labels().get(0).qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB));
    }

    @Test
    void sameLabelOverlapConfirmsWithoutFineLabel() {
        LabeledDetection car = precise("car", new Box(100, 100, 200, 200));
        MergeResult result = new GapFillMerge(DEFAULTS).merge(List.of(car), List.of(open("car", new Box(100, 100, 200, 198), 0.6f)));

        assertEquals(Optional.empty(), result.labels().get(0).fineLabel());
        assertTrue(result.labels().get(0).qaFlags().contains(QaFlags.CONFIRMED_BY_OPEN_VOCAB));
    }

    @Test
    void keptGapFillLabelsKeepTheirProvenance() {
        LabeledDetection ball = open("soccer ball", new Box(10, 10, 30, 30), 0.35f);
        MergeResult result = new GapFillMerge(DEFAULTS).merge(List.of(precise("person", new Box(100, 0, 160, 200))), List.of(ball));

        LabeledDetection added = result.labels().get(1);
        assertEquals(Source.OPEN_VOCAB, added.source());
        assertEquals(Optional.of("a soccer ball"), added.prompt());
        assertEquals(0.35f, added.score());
        assertEquals(ball.box(), added.box());
        assertTrue(added.qaFlags().contains(QaFlags.GAP_FILL));
    }

    @Test
    void coverageCountsOverlappingCoversOnce() {
        Box target = new Box(0, 0, 100, 100);
        List<Box> covers = List.of(new Box(0, 0, 60, 100), new Box(40, 0, 60, 100), new Box(-50, -50, 10, 10));
        assertEquals(0.6f, Coverage.fractionCovered(target, covers), 1e-6f);
        assertEquals(0f, Coverage.fractionCovered(target, List.of(new Box(200, 200, 300, 300))));
        assertEquals(1f, Coverage.fractionCovered(target, List.of(new Box(-10, -10, 110, 110))), 1e-6f);
    }
}
