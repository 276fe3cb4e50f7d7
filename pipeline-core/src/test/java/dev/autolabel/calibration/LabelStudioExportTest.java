package dev.autolabel.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import dev.autolabel.label.Source;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Label Studio's JSON export, in the documented shape ("Label Studio JSON format of annotated tasks"; RectangleLabels
 * results with original_width/original_height/image_rotation and percent values, rotation about the top-left corner):
 * every field the reader uses, and what the reviewer's edits mean for the run's labels.
 */
class LabelStudioExportTest {

    private static final ClassKey CAR = new ClassKey(Source.PRECISE, "car");
    private static final ClassKey BUS = new ClassKey(Source.OPEN_VOCAB, "bus");

    /** Row 3: a 200x100 image with five labels; row 8: a 50x50 image with one. */
    static ReviewSample sample() {
        Long[] h = new Long[ScoreGrid.BINS];
        java.util.Arrays.fill(h, 0L);
        h[90] = 10L;
        List<ClassStrata> strata = List.of(new ClassStrata(CAR, List.of(h), List.of(90), List.of(5)),
                new ClassStrata(BUS, List.of(h), List.of(90), List.of(1)));
        SampleImage three = new SampleImage(3, "img-3", "s3://b/3.jpg", 200, 100, List.of(
                new SampleLabel("r3d0", 0, CAR, 0.9f, new Box(20, 10, 60, 50), 0, true),
                new SampleLabel("r3d1", 1, CAR, 0.9f, new Box(100, 10, 140, 50), 0, true),
                new SampleLabel("r3d2", 2, CAR, 0.9f, new Box(0, 60, 40, 100), 0, true),
                new SampleLabel("r3d3", 3, CAR, 0.9f, new Box(150, 60, 190, 100), 0, true),
                new SampleLabel("r3d4", 4, BUS, 0.9f, new Box(60, 60, 100, 100), 0, true)));
        SampleImage eight = new SampleImage(8, "img-8", "s3://b/8.jpg", 50, 50, List.of(
                new SampleLabel("r8d0", 0, CAR, 0.9f, new Box(0, 0, 10, 20), 0, true)));
        return new ReviewSample("s1-n5-b1", "run", "out/run", 1, 5, 1, strata, List.of(three, eight));
    }

    /** A rectanglelabels result region as Label Studio exports it. */
    static String region(String id, String label, double x, double y, double w, double h, double rotation, int width,
            int height) {
        return """
                {"id": "%s", "type": "rectanglelabels", "from_name": "label", "to_name": "image", "origin": "manual",
                 "original_width": %d, "original_height": %d, "image_rotation": 0,
                 "value": {"x": %s, "y": %s, "width": %s, "height": %s, "rotation": %s, "rectanglelabels": ["%s"]}}
                """.formatted(id, width, height, x, y, w, h, rotation, label);
    }

    static String export() {
        String kept = region("r3d0", "car", 10, 10, 20, 40, 0, 200, 100);          // unchanged
        String nudged = region("r3d1", "car", 51, 12, 20, 40, 0, 200, 100);       // moved a little: IoU 0.82
        String moved = region("r3d2", "car", 30, 60, 20, 40, 0, 200, 100);        // moved onto another object
        String relabeled = region("r3d4", "car", 30, 60, 20, 40, 0, 200, 100);    // the bus is a car
        String added = region("Hx81bQ_-2k", "bus", 80, 0, 15, 30, 0, 200, 100);   // missed by the run
        String rotated = region("r8d0", "car", 0, 0, 40, 20, 90, 50, 50);         // 20x10 px turned 90 deg: 10x20
        String quality = """
                {"id": "Zq1", "type": "choices", "from_name": "quality", "to_name": "image",
                 "value": {"choices": ["blurry"]}}""";
        return """
                [
                 {"id": 101, "project": 7, "created_at": "2026-11-25T06:00:00.000000Z",
                  "updated_at": "2026-11-25T07:00:00.000000Z",
                  "data": {"image": "s3://b/3.jpg", "image_id": "img-3", "autolabel_run": "run",
                           "autolabel_sample": "s1-n5-b1", "autolabel_row": 3},
                  "annotations": [
                   {"id": 1, "completed_by": 4, "was_cancelled": false, "ground_truth": false, "lead_time": 12.5,
                    "created_at": "2026-11-25T06:10:00.000000Z", "updated_at": "2026-11-25T06:10:00.000000Z", "task": 101,
                    "result": []},
                   {"id": 2, "completed_by": 5, "was_cancelled": false, "ground_truth": false, "lead_time": 30.1,
                    "created_at": "2026-11-25T06:20:00.000000Z", "updated_at": "2026-11-25T06:30:00.000000Z", "task": 101,
                    "result": [%s, %s, %s, %s, %s, %s]},
                   {"id": 3, "completed_by": 6, "was_cancelled": true, "ground_truth": false, "lead_time": 1.0,
                    "created_at": "2026-11-25T06:40:00.000000Z", "updated_at": "2026-11-25T06:40:00.000000Z", "task": 101,
                    "result": []}],
                  "predictions": [{"model_version": "autolabel-run", "score": 0.5, "result": []}]},
                 {"id": 102, "project": 7,
                  "data": {"image": "s3://b/8.jpg", "image_id": "img-8", "autolabel_sample": "s1-n5-b1", "autolabel_row": 8},
                  "annotations": [
                   {"id": 4, "was_cancelled": false, "ground_truth": true, "updated_at": "2026-11-25T06:00:00.000000Z",
                    "result": [%s]},
                   {"id": 5, "was_cancelled": false, "ground_truth": false, "updated_at": "2026-11-25T09:00:00.000000Z",
                    "result": []}],
                  "predictions": []}
                ]
                """.formatted(kept, nudged, moved, relabeled, added, quality, rotated);
    }

    static LabelStudioExport.Reviewed read(String json, ReviewSample sample) throws IOException {
        return LabelStudioExport.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "export.json", sample);
    }

    @Test
    void finalBoxesAreReadInPixelsFromTheChosenAnnotation() throws IOException {
        LabelStudioExport.Reviewed reviewed = read(export(), sample());

        assertEquals(2, reviewed.tasks());
        assertEquals(0, reviewed.notReviewed());
        List<FinalRegion> three = reviewed.regions().get(3L);
        assertEquals(5, three.size(), "the latest annotation, choices of another control left out");
        assertEquals(new FinalRegion("r3d0", "car", new Box(20, 10, 60, 50)), three.get(0));
        assertEquals(new FinalRegion("Hx81bQ_-2k", "bus", new Box(160, 0, 190, 30)), three.get(4));
        FinalRegion turned = reviewed.regions().get(8L).get(0);
        assertEquals("r8d0", turned.id(), "the ground-truth annotation wins over a later one");
        // 20x10 px at the origin turned 90 degrees about its top-left corner spans x -10..0, y 0..20: clipped to 0.
        assertEquals(0f, turned.box().x1(), 1e-4);
        assertEquals(0f, turned.box().x2(), 1e-4);
        assertEquals(20f, turned.box().y2(), 1e-4);
    }

    @Test
    void theReviewersEditsBecomeVerdictsAndMissedObjects() throws IOException {
        ReviewSample sample = sample();
        List<FinalRegion> regions = read(export(), sample).regions().get(3L);

        ImageReview review = new RegionJudge(0.5).judge(sample.image(3).orElseThrow(), regions);

        assertEquals(Map.of("r3d0", Verdict.CORRECT, "r3d1", Verdict.CORRECT, "r3d2", Verdict.MISPLACED,
                "r3d3", Verdict.REJECTED, "r3d4", Verdict.WRONG_LABEL), review.verdicts());
        // The car the moved box now marks, the bus relabeled to a car, and the added bus.
        assertEquals(Map.of("car", 2, "bus", 1), review.missed());
    }

    @Test
    void aTaskWithOnlyCancelledAnnotationsWasNotReviewed() throws IOException {
        String skipped = export().replace("\"was_cancelled\": false, \"ground_truth\": true", "\"was_cancelled\": true, "
                + "\"ground_truth\": true").replace("\"was_cancelled\": false, \"ground_truth\": false, \"updated_at\": "
                + "\"2026-11-25T09:00:00.000000Z\"", "\"was_cancelled\": true, \"ground_truth\": false, \"updated_at\": "
                + "\"2026-11-25T09:00:00.000000Z\"");

        LabelStudioExport.Reviewed reviewed = read(skipped, sample());

        assertEquals(1, reviewed.notReviewed());
        assertEquals(List.of(3L), List.copyOf(reviewed.regions().keySet()));
    }

    @Test
    void exportsThatDoNotFitTheSampleAreRefusedWithTheTask() {
        IOException other = assertThrows(IOException.class,
                () -> read(export().replace("\"autolabel_sample\": \"s1-n5-b1\", \"autolabel_row\": 8",
                        "\"autolabel_sample\": \"s2-n5-b1\", \"autolabel_row\": 8"), sample()));
        assertTrue(other.getMessage().contains("task 102 belongs to sample 's2-n5-b1'"), other.getMessage());
        IOException size = assertThrows(IOException.class,
                () -> read(export().replace("\"original_width\": 50", "\"original_width\": 64"), sample()));
        assertTrue(size.getMessage().contains("64x50 but the run labeled img-8 at 50x50"), size.getMessage());
        IOException rotated = assertThrows(IOException.class,
                () -> read(export().replaceFirst("\"image_rotation\": 0", "\"image_rotation\": 90"), sample()));
        assertTrue(rotated.getMessage().contains("image_rotation"), rotated.getMessage());
        IOException notSampled = assertThrows(IOException.class,
                () -> read(export().replace("\"autolabel_row\": 8", "\"autolabel_row\": 9"), sample()));
        assertTrue(notSampled.getMessage().contains("row 9 is not in sample"), notSampled.getMessage());
        assertThrows(IOException.class, () -> read("{\"tasks\": []}", sample()));
    }
}
