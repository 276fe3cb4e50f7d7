package dev.autolabel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.Source;
import dev.autolabel.labeling.PassOutcome;
import dev.autolabel.merge.GapFillMerge;
import dev.autolabel.merge.MergeParams;
import dev.autolabel.merge.OpenVocabParams;
import dev.autolabel.merge.OpenVocabPass;
import dev.autolabel.merge.PrecisionParams;
import dev.autolabel.merge.PrecisionPass;
import dev.autolabel.model.Prompt;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The four label sets of one image, from the real pass filters and merge. */
class PassVariantsTest {

    private static final Box CIRCLE = new Box(10, 10, 40, 40);
    private static final Box STAR = new Box(80, 80, 110, 110);

    private static LabeledDetection precise(String label, Box box, float score) {
        return new LabeledDetection(label, 0, score, box, Source.PRECISE, Optional.empty(), Optional.empty(), List.of());
    }

    private static LabeledDetection open(String label, Box box, float score) {
        return new LabeledDetection(label, 1, score, box, Source.OPEN_VOCAB, Optional.of(label), Optional.empty(), List.of());
    }

    @Test
    void unionSuppressesOverlapsOfOneLabelAcrossPassesButNotOfDifferentLabels() {
        Box shifted = new Box(12, 12, 42, 42); // IoU with CIRCLE ~0.77
        List<LabeledDetection> union = PassVariants.union(
                List.of(precise("circle", CIRCLE, 0.9f)),
                List.of(open("circle", shifted, 0.95f), open("square", CIRCLE, 0.4f), open("star", STAR, 0.5f)), 0.5f);

        assertEquals(List.of(open("circle", shifted, 0.95f), open("star", STAR, 0.5f), open("square", CIRCLE, 0.4f)), union,
                "the higher-scored pass-2 circle replaces pass 1's; a differently labelled box on the same place stays");
    }

    @Test
    void boxesOfOneLabelBelowTheNmsIouBothStayInTheUnion() {
        Box neighbour = new Box(30, 10, 60, 40); // IoU with CIRCLE 0.2
        List<LabeledDetection> union = PassVariants.union(List.of(precise("circle", CIRCLE, 0.9f)),
                List.of(open("circle", neighbour, 0.3f)), 0.5f);
        assertEquals(2, union.size());
    }

    @Test
    void theFourSetsComeFromTheFiltersAndTheMerge() {
        PrecisionPass pass1 = new PrecisionPass(new PrecisionParams(0.6f, Map.of(), 0.5f, 0f, 0f));
        OpenVocabPass pass2 = new OpenVocabPass(new OpenVocabParams(0.3f, Map.of(), 0.5f, 1f),
                List.of(new Prompt("circle", "circle"), new Prompt("square", "square"), new Prompt("star", "star")));
        GapFillMerge merge = new GapFillMerge(new MergeParams(0.5f, 0.6f, false, 0.7f));
        List<Detection> raw1 = List.of(new Detection(CIRCLE, 0, "circle", 0.9f), new Detection(STAR, 0, "circle", 0.4f));
        List<Detection> raw2 = List.of(new Detection(CIRCLE, 1, "square", 0.8f), new Detection(STAR, 2, "star", 0.7f),
                new Detection(new Box(0, 90, 10, 100), 0, "circle", 0.1f));
        var precise = pass1.filter(raw1);
        var openVocab = pass2.filter(raw2, 128, 128);
        PassOutcome outcome = new PassOutcome(precise, Optional.of(openVocab), merge.merge(precise.kept(), openVocab.kept()));

        Map<Variant, List<LabeledDetection>> sets = PassVariants.of(outcome, 0.5f);

        assertEquals(List.of("circle"), labels(sets.get(Variant.PASS1)), "pass 1's unsure 'circle' on the star is filtered");
        assertEquals(List.of("square", "star"), labels(sets.get(Variant.PASS2)), "pass 2's 0.1 candidate is filtered");
        assertEquals(List.of("circle", "square", "star"), labels(sets.get(Variant.UNION)),
                "the union keeps pass 2's 'square' on pass 1's circle: different labels are not suppressed");
        assertEquals(List.of("circle", "star"), labels(sets.get(Variant.GAP_FILL)),
                "the merge drops the pass-2 box where pass 1 has an object and keeps the star in the gap");
        assertEquals(outcome.labels(), sets.get(Variant.GAP_FILL));
    }

    @Test
    void withoutOpenVocabPassTwoIsEmptyAndTheOtherSetsArePassOne() {
        PrecisionPass pass1 = new PrecisionPass(new PrecisionParams(0.6f, Map.of(), 0.5f, 0f, 0f));
        var precise = pass1.filter(List.of(new Detection(CIRCLE, 0, "circle", 0.9f)));
        PassOutcome outcome = new PassOutcome(precise, Optional.empty(),
                new GapFillMerge(new MergeParams(0.5f, 0.6f, false, 0.7f)).merge(precise.kept(), List.of()));
        Map<Variant, List<LabeledDetection>> sets = PassVariants.of(outcome, 0.5f);
        assertTrue(sets.get(Variant.PASS2).isEmpty());
        assertEquals(precise.kept(), sets.get(Variant.UNION));
        assertEquals(precise.kept(), sets.get(Variant.GAP_FILL));
    }

    private static List<String> labels(List<LabeledDetection> list) {
        return list.stream().map(LabeledDetection::label).toList();
    }
}
