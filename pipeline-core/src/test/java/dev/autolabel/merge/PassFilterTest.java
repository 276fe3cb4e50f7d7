package dev.autolabel.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.Source;
import dev.autolabel.model.Prompt;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PassFilterTest {

    private static final PrecisionParams PRECISION = new PrecisionParams(0.7f, Map.of("dog", 0.9f), 0.5f, 4f, 6f);

    @Test
    void precisionPassAppliesThresholdsPerClass() {
        List<Detection> raw = List.of(
                new Detection(new Box(0, 0, 50, 50), 0, "cat", 0.75f),
                new Detection(new Box(100, 0, 150, 50), 1, "dog", 0.85f),
                new Detection(new Box(200, 0, 250, 50), 1, "dog", 0.95f),
                new Detection(new Box(300, 0, 350, 50), 0, "cat", 0.69f));

        PrecisionResult result = new PrecisionPass(PRECISION).filter(raw);

        assertEquals(List.of(0.95f, 0.75f), result.kept().stream().map(LabeledDetection::score).toList());
        assertEquals(2, result.belowThreshold());
        assertTrue(result.kept().stream().allMatch(l -> l.source() == Source.PRECISE && l.prompt().isEmpty()));
        assertEquals(List.of(QaFlags.SIZE_OK, QaFlags.ASPECT_OK), result.kept().get(0).qaFlags());
    }

    @Test
    void eachLabelRecordsTheThresholdItPassed() {
        List<Detection> raw = List.of(new Detection(new Box(0, 0, 50, 50), 0, "cat", 0.75f),
                new Detection(new Box(100, 0, 150, 50), 1, "dog", 0.95f));

        List<LabeledDetection> kept = new PrecisionPass(PRECISION).filter(raw).kept();

        assertEquals(Map.of("dog", Optional.of(0.9f), "cat", Optional.of(0.7f)),
                Map.of(kept.get(0).label(), kept.get(0).threshold(), kept.get(1).label(), kept.get(1).threshold()));
    }

    @Test
    void aSwitchedOffClassIsNeverLabeledByPassOne() {
        PrecisionParams params = new PrecisionParams(0.5f, Map.of(), 0.5f, 0f, 0f, false, 0.5f, java.util.Set.of("dog"));
        List<Detection> raw = List.of(new Detection(new Box(0, 0, 50, 50), 0, "cat", 0.6f),
                new Detection(new Box(100, 0, 150, 50), 1, "dog", 0.99f));

        PrecisionResult result = new PrecisionPass(params).filter(raw);

        assertEquals(List.of("cat"), result.kept().stream().map(LabeledDetection::label).toList());
        assertEquals(1, result.belowThreshold());
    }

    @Test
    void openVocabLabelsRecordTheirThresholdAndSwitchedOffLabelsAreDropped() {
        OpenVocabParams params = new OpenVocabParams(0.3f, Map.of("star", 0.4f), 0.5f, 0.8f, java.util.Set.of("cross"));
        List<Prompt> prompts = List.of(new Prompt("star", List.of("star", "yellow star")), new Prompt("cross", "cross"),
                new Prompt("ring", "ring"));
        List<Detection> raw = List.of(new Detection(new Box(0, 0, 10, 10), 0, "star", 0.45f),
                new Detection(new Box(20, 0, 30, 10), 1, "cross", 0.99f),
                new Detection(new Box(40, 0, 50, 10), 2, "ring", 0.35f));

        List<LabeledDetection> kept = new OpenVocabPass(params, prompts).filter(raw, 100, 100).kept();

        assertEquals(List.of("star", "ring"), kept.stream().map(LabeledDetection::label).toList());
        assertEquals(List.of(Optional.of(0.4f), Optional.of(0.3f)), kept.stream().map(LabeledDetection::threshold).toList());
        assertEquals(Optional.of("star + yellow star"), kept.get(0).prompt());
    }

    @Test
    void precisionPassRunsClassAwareNms() {
        List<Detection> raw = List.of(
                new Detection(new Box(0, 0, 100, 100), 0, "cat", 0.9f),
                new Detection(new Box(2, 2, 100, 100), 0, "cat", 0.8f),
                new Detection(new Box(2, 2, 100, 100), 2, "bird", 0.8f));

        PrecisionResult result = new PrecisionPass(PRECISION).filter(raw);

        assertEquals(List.of("cat", "bird"), result.kept().stream().map(LabeledDetection::label).toList());
        assertEquals(1, result.suppressedByNms());
    }

    @Test
    void precisionPassQaGatesRejectTinyAndSlenderBoxes() {
        List<Detection> raw = List.of(
                new Detection(new Box(0, 0, 3, 30), 0, "cat", 0.9f),
                new Detection(new Box(100, 0, 200, 10), 0, "cat", 0.9f),
                new Detection(new Box(300, 0, 340, 30), 0, "cat", 0.9f));

        PrecisionResult result = new PrecisionPass(PRECISION).filter(raw);

        assertEquals(List.of(new Box(300, 0, 340, 30)), result.kept().stream().map(LabeledDetection::box).toList());
        assertEquals(1, result.rejectedBySize());
        assertEquals(1, result.rejectedByAspect());
    }

    @Test
    void disabledGatesLetEverythingThroughWithoutFlags() {
        PrecisionParams open = new PrecisionParams(0.5f, Map.of(), 0.5f, 0f, 0f);
        PrecisionResult result = new PrecisionPass(open).filter(List.of(new Detection(new Box(0, 0, 1, 40), 0, "pole", 0.6f)));

        assertEquals(1, result.kept().size());
        assertEquals(List.of(), result.kept().get(0).qaFlags());
    }

    @Test
    void openVocabPassThresholdsNmsAcrossSynonymsAndDropsOversizedBoxes() {
        List<Prompt> prompts = List.of(new Prompt("ball", "soccer ball"), new Prompt("ball", "football"),
                new Prompt("referee", "referee"));
        OpenVocabParams params = new OpenVocabParams(0.3f, Map.of("referee", 0.5f), 0.5f, 0.5f);
        List<Detection> raw = List.of(
                new Detection(new Box(10, 10, 30, 30), 0, "ball", 0.4f),
                new Detection(new Box(11, 11, 30, 30), 1, "ball", 0.6f),
                new Detection(new Box(50, 0, 70, 60), 2, "referee", 0.45f),
                new Detection(new Box(0, 0, 90, 90), 2, "referee", 0.9f),
                new Detection(new Box(80, 80, 90, 90), 0, "ball", 0.1f));

        OpenVocabResult result = new OpenVocabPass(params, prompts).filter(raw, 100, 100);

        assertEquals(1, result.kept().size());
        LabeledDetection ball = result.kept().get(0);
        assertEquals("ball", ball.label());
        assertEquals(Optional.of("football"), ball.prompt());
        assertEquals(Source.OPEN_VOCAB, ball.source());
        assertEquals(2, result.belowThreshold());
        assertEquals(1, result.suppressedByNms());
        assertEquals(1, result.rejectedAsOversized());
    }

    @Test
    void parametersOutOfRangeNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PrecisionParams(1.5f, Map.of(), 0.5f, 0f, 0f));
        assertTrue(e.getMessage().contains("precision.threshold"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MergeParams(0.5f, -0.1f, true, 0.7f));
        assertTrue(e.getMessage().contains("merge.coverage"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OpenVocabParams(0.2f, Map.of(), 0.5f, 0f));
        assertTrue(e.getMessage().contains("open-vocab.max-area-fraction"), e.getMessage());
    }
}
