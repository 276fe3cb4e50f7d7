package dev.autolabel.spark.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autolabel.calibration.ImageReview;
import dev.autolabel.calibration.ReviewJson;
import dev.autolabel.calibration.ReviewSample;
import dev.autolabel.calibration.ReviewSet;
import dev.autolabel.calibration.Verdict;
import dev.autolabel.model.Sha256;
import dev.autolabel.spark.CliCapture;
import dev.autolabel.spark.CliCapture.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review round trip through the command line: `review sample` writes Label Studio tasks whose region ids are the
 * run's label ids, Label Studio keeps those ids in the annotations made from them (its docs: "the result IDs stay the
 * same"), and `review import` reads the export back by them: kept, relabeled, deleted and added boxes. Imports are
 * versioned; `calibrate` writes its config file and the report's calibration section.
 */
class ReviewRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void sampleExportImportKeepsTheLabelIds() throws Exception {
        Path run = SmallRun.write(tmp.resolve("out"));
        Path review = tmp.resolve("review");
        Result sampled = CliCapture.run("review", "sample", "--run", run.toString(), "--per-class", "10", "--out",
                review.toString());
        assertEquals(0, sampled.exitCode(), sampled.err());
        ReviewSample sample = ReviewJson.readSample(Files.readAllBytes(review.resolve("sample.json")), "sample.json");
        assertEquals(sample, ReviewJson.readSample(Files.readAllBytes(run.resolve("reviews/" + sample.sampleId()
                + ".sample.json")), "stored"), "the design is stored next to the run");
        JsonNode tasks = JSON.readTree(review.resolve("tasks.json").toFile());
        Set<String> regionIds = new HashSet<>();
        tasks.forEach(t -> t.at("/predictions/0/result").forEach(r -> regionIds.add(r.get("id").asText())));
        Set<String> labelIds = new HashSet<>();
        sample.images().forEach(i -> i.labels().forEach(l -> labelIds.add(l.id())));
        assertEquals(labelIds, regionIds);
        assertEquals(Set.of("r0d0", "r0d1", "r1d0", "r1d1", "r4d0", "r4d1", "r5d0"), labelIds,
                "rows counted over both shards, the FAILED row and the unlabeled image included");
        assertTrue(Files.readString(review.resolve("labeling-config.xml")).contains("canRotate=\"false\""));

        Files.writeString(tmp.resolve("export.json"), JSON.writeValueAsString(reviewed(tasks)), StandardCharsets.UTF_8);
        Result imported = CliCapture.run("review", "import", "--run", run.toString(), "--labelstudio",
                tmp.resolve("export.json").toString());
        assertEquals(0, imported.exitCode(), imported.err());
        Path stored = run.resolve("reviews/review-001.json");
        assertTrue(imported.out().contains("sha256: " + Sha256.ofBytes(Files.readAllBytes(stored))), imported.out());
        ReviewSet set = ReviewJson.readSet(Files.readAllBytes(stored), "review-001.json");
        assertEquals(Map.of("r0d0", Verdict.CORRECT, "r0d1", Verdict.REJECTED, "r1d0", Verdict.CORRECT,
                "r1d1", Verdict.WRONG_LABEL, "r4d0", Verdict.CORRECT, "r4d1", Verdict.CORRECT, "r5d0", Verdict.CORRECT),
                set.sampledVerdicts());
        Map<Long, ImageReview> byRow = new java.util.TreeMap<>();
        set.reviews().forEach(r -> byRow.put(r.row(), r));
        assertEquals(Map.of("person", 1), byRow.get(0L).missed(), "the added box");
        assertEquals(Map.of("truck", 1), byRow.get(1L).missed(), "the car relabeled as a truck");

        Result again = CliCapture.run("review", "import", "--run", run.toString(), "--labelstudio",
                tmp.resolve("export.json").toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(Files.exists(run.resolve("reviews/review-002.json")), "a second import is a new version");
        assertNotEquals(Files.readString(stored), Files.readString(run.resolve("reviews/review-002.json")));

        Result calibrated = CliCapture.run("calibrate", "--run", run.toString(), "--target-precision", "0.5",
                "--min-reviews", "1", "--out", tmp.resolve("calibration.conf").toString());
        assertEquals(0, calibrated.exitCode(), calibrated.err());
        String conf = Files.readString(tmp.resolve("calibration.conf"));
        assertTrue(conf.contains("review-set-sha256 = \"" + Sha256.ofBytes(Files.readAllBytes(
                run.resolve("reviews/review-002.json"))) + "\""), conf);
        String report = Files.readString(run.resolve("report.html"));
        assertTrue(report.contains("<section id=\"calibration\"><h2>Calibration</h2>"), "calibration section");
        assertTrue(report.contains("precise/car"), "its classes");
        assertTrue(Files.exists(run.resolve("reviews/calibration-001.json")));
    }

    @Test
    void anExportOfAnotherSampleIsRefusedInOneLine() throws Exception {
        Path run = SmallRun.write(tmp.resolve("out"));
        assertEquals(0, CliCapture.run("review", "sample", "--run", run.toString(), "--per-class", "10", "--out",
                tmp.resolve("review").toString()).exitCode());
        JsonNode tasks = JSON.readTree(tmp.resolve("review/tasks.json").toFile());
        ArrayNode export = reviewed(tasks);
        ((ObjectNode) export.get(1).get("data")).put("autolabel_sample", "s9-n10-b4");
        Files.writeString(tmp.resolve("export.json"), JSON.writeValueAsString(export));

        Result r = CliCapture.run("review", "import", "--run", run.toString(), "--labelstudio",
                tmp.resolve("export.json").toString(), "--sample", "s1-n10-b4");

        assertEquals(2, r.exitCode(), r.out());
        assertTrue(r.err().startsWith("error: cannot import") && r.err().contains("belongs to sample 's9-n10-b4'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    /**
     * What Label Studio exports after a reviewer opened each task, whose annotation starts as a copy of the prediction
     * (same region ids, no scores): on row 0 they delete the ball and add a person; on row 1 the second car becomes a
     * truck; everything else is accepted.
     */
    private static ArrayNode reviewed(JsonNode tasks) {
        ArrayNode export = JSON.createArrayNode();
        int id = 0;
        for (JsonNode task : tasks) {
            ObjectNode t = export.addObject().put("id", ++id);
            t.set("data", task.get("data"));
            t.set("predictions", task.get("predictions"));
            ArrayNode result = JSON.createArrayNode();
            for (JsonNode region : task.at("/predictions/0/result")) {
                ObjectNode r = region.deepCopy();
                r.remove("score");
                String rid = r.get("id").asText();
                if (rid.equals("r0d1")) {
                    continue;
                }
                if (rid.equals("r1d1")) {
                    ((ArrayNode) r.get("value").get("rectanglelabels")).set(0, "truck");
                }
                result.add(r);
            }
            if (task.at("/data/autolabel_row").asLong() == 0) {
                ObjectNode added = JSON.createObjectNode().put("id", "aB3_x9").put("type", "rectanglelabels")
                        .put("from_name", "label").put("to_name", "image").put("original_width", 640)
                        .put("original_height", 480).put("image_rotation", 0);
                added.putObject("value").put("x", 80).put("y", 10).put("width", 5).put("height", 20).put("rotation", 0)
                        .putArray("rectanglelabels").add("person");
                result.add(added);
            }
            ObjectNode annotation = t.putArray("annotations").addObject().put("id", id * 10).put("was_cancelled", false)
                    .put("ground_truth", false).put("updated_at", "2026-11-26T08:00:00.000000Z");
            annotation.set("result", result);
        }
        return export;
    }

}
