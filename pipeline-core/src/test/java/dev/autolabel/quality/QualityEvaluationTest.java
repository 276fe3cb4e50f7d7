package dev.autolabel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autolabel.detect.Box;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Source;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Variants scored against the ground truth of {@link CocoGroundTruthTest#COCO}: one circle on image 7. */
class QualityEvaluationTest {

    private static final Box CIRCLE = new Box(10, 20, 40, 60);
    private static final Provenance PROVENANCE = new Provenance("run", Map.of(), "hash", 1);

    private static LabeledDetection label(String name, Box box, float score) {
        return new LabeledDetection(name, 0, score, box, Source.PRECISE, Optional.empty(), Optional.empty(), List.of());
    }

    @Test
    void eachVariantIsScoredOnItsOwnLabels() throws IOException {
        QualityEvaluation eval = new QualityEvaluation(CocoGroundTruthTest.read(CocoGroundTruthTest.COCO));
        eval.add(7, Map.of(Variant.PASS1, List.of(label("circle", CIRCLE, 0.9f)),
                Variant.PASS2, List.of(label("circle", CIRCLE, 0.5f), label("Circle", new Box(60, 0, 90, 30), 0.7f),
                        label("hexagon", new Box(0, 0, 5, 5), 0.4f))));
        eval.add(Variant.PASS1, 9, List.of());

        EvaluationReport report = eval.report();
        CocoMetrics pass1 = report.metrics(Variant.PASS1);
        assertEquals(1.0, pass1.precision());
        assertEquals(1.0, pass1.recall());
        CocoMetrics pass2 = report.metrics(Variant.PASS2);
        assertEquals(1, pass2.truePositives());
        assertEquals(1, pass2.falsePositives(), "'Circle' counts as a circle, in the wrong place");
        assertEquals(0.5, pass2.ap50(), 1e-6, "the false positive outscores the hit");
        assertEquals(Map.of("hexagon", 1), report.uncategorisedLabels().get(Variant.PASS2));
        assertEquals(2, report.images());
        assertEquals(2, report.groundTruths());
        assertThrows(IllegalArgumentException.class, () -> report.metrics(Variant.UNION));

        String table = report.table();
        assertTrue(table.contains("| pass 1 only    | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 |      1 |"), table);
        assertTrue(table.contains("| pass 2 only    |") && !table.contains("union"), table);
        assertTrue(report.perClassTable().contains("Traffic Light"), report.perClassTable());

        JsonNode json = EvaluationJson.of(report);
        assertEquals(0.5, json.at("/variants/pass2/precision").asDouble(), 1e-9);
        assertEquals(1.0, json.at("/variants/pass1/ap_per_class/circle").asDouble(), 1e-9);
        assertEquals(-1.0, json.at("/variants/pass1/ap_per_class/Traffic Light").asDouble(), 1e-9, "crowd only: undefined");
        assertEquals(1, json.at("/variants/pass2/labels_without_category/hexagon").asInt());
    }

    @Test
    void anImageIsAddedOncePerVariantAndMustBeInTheGroundTruth() throws IOException {
        QualityEvaluation eval = new QualityEvaluation(CocoGroundTruthTest.read(CocoGroundTruthTest.COCO));
        eval.add(Variant.PASS1, 7, List.of());
        assertThrows(IllegalArgumentException.class, () -> eval.add(Variant.PASS1, 7, List.of()));
        assertThrows(IllegalArgumentException.class, () -> eval.add(Variant.PASS1, 8, List.of()));
    }

    @Test
    void aRunsRowsAreMatchedToImagesAndCounted() throws IOException {
        QualityEvaluation eval = new QualityEvaluation(CocoGroundTruthTest.read(CocoGroundTruthTest.COCO));
        Instant t = Instant.EPOCH;
        RunRows rows = eval.addRun(List.of(
                LabeledImage.ok("a", "s3://b/images/a.jpg", 100, 80, List.of(label("circle", CIRCLE, 0.8f)), PROVENANCE, t, Map.of()),
                LabeledImage.ok("a-again", "/copy/a.jpg", 100, 80, List.of(label("circle", CIRCLE, 0.8f)), PROVENANCE, t, Map.of()),
                LabeledImage.failed("b", "/x/b.png", ErrorCode.NOT_FOUND, "gone", PROVENANCE, t, Map.of()),
                LabeledImage.ok("z", "/x/z.jpg", 10, 10, List.of(label("circle", CIRCLE, 0.8f)), PROVENANCE, t, Map.of()))
                .iterator());

        assertEquals(new RunRows(4, 2, 1, 1, 1), rows);
        CocoMetrics run = eval.report().metrics(Variant.RUN);
        assertEquals(1, run.truePositives());
        assertEquals(0, run.falsePositives(), "the repeated row and the row outside the ground truth are not scored");
        assertEquals(Optional.of(rows), eval.report().run());
    }
}
