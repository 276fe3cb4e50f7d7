package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autolabel.spark.CliCapture.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code autolabel eval} as a user runs it, on the first images of the quality benchmark's test set: the four
 * variants from the config's models, and a run of the same images through Spark, whose output must score exactly
 * as the gap-fill merge (the run writes what the merge makes).
 */
class EvalCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path QUALITY = Path.of("..", "pipeline-core", "src", "test", "resources", "quality")
            .toAbsolutePath().normalize();
    private static final Path TEST_SET = QUALITY.resolve("testset");
    private static final int IMAGES = 24;

    @TempDir
    Path tmp;

    @Test
    void evaluatesTheVariantsAndARunWhoseOutputScoresAsTheGapFillMerge() throws Exception {
        Path truth = subset(IMAGES);
        Path manifest = manifest(truth);
        Result run = cli(with("run", "--master", "local[2]", "--manifest", manifest.toString(), "--run-id", "bench"));
        assertEquals(0, run.exitCode(), run.err());

        Path json = tmp.resolve("eval").resolve("eval.json");
        Result eval = cli(with("eval", "--ground-truth", truth.toString(), "--images", TEST_SET.toString(), "--run", "bench",
                "--out", json.toString()));
        assertEquals(0, eval.exitCode(), eval.err());
        for (String row : new String[] {"| pass 1 only ", "| pass 2 only ", "| union + NMS ", "| gap-fill merge ", "| run output "}) {
            assertTrue(eval.out().contains(row), "table row " + row + ":\n" + eval.out());
        }
        assertTrue(eval.out().contains("|    AP |  AP50 |  AP75 | AR100 |     P |     R |    F1 |"), eval.out());
        assertTrue(eval.out().contains(IMAGES + " rows, " + IMAGES + " matched"), eval.out());

        JsonNode metrics = JSON.readTree(json.toFile());
        assertEquals(IMAGES, metrics.get("images").asInt());
        JsonNode merged = metrics.at("/variants/gap_fill");
        JsonNode fromRun = metrics.at("/variants/run");
        for (String key : new String[] {"ap", "ap50", "ar100", "true_positives", "false_positives", "precision", "recall"}) {
            assertEquals(merged.get(key).asDouble(), fromRun.get(key).asDouble(), 1e-9, key + ": " + metrics);
        }
        assertTrue(merged.get("true_positives").asInt() > 0, metrics.toString());
        assertTrue(metrics.at("/variants/pass1/ap_per_class/star").asDouble() == 0.0
                && metrics.at("/variants/pass2/ap_per_class/star").asDouble() > 0, "stars come from pass 2 only: " + metrics);
        assertEquals(64, metrics.at("/model_hashes/precision").asText().length());
    }

    @Test
    void aMissingGroundTruthFileOrRunIsReportedInOneLineWithExitCode2() throws Exception {
        Result noTruth = cli(with("eval", "--ground-truth", tmp.resolve("nope.json").toString(),
                "--out", tmp.resolve("e.json").toString()));
        assertEquals(2, noTruth.exitCode(), noTruth.out());
        assertTrue(noTruth.err().startsWith("error: cannot read --ground-truth") && noTruth.err().contains("nope.json"),
                noTruth.err());
        Result noRun = cli(with("eval", "--ground-truth", subset(1).toString(), "--images", TEST_SET.toString(),
                "--run", "never-ran", "--out", tmp.resolve("e.json").toString()));
        assertEquals(2, noRun.exitCode(), noRun.out());
        assertTrue(noRun.err().contains("--run never-ran: no run at"), noRun.err());
    }

    @Test
    void aMissingGroundTruthImageStopsTheEvaluationWithExitCode2() throws Exception {
        Path truth = subset(2);
        ObjectNode coco = (ObjectNode) JSON.readTree(truth.toFile());
        ((ObjectNode) coco.get("images").get(1)).put("file_name", "images/not-there.jpg");
        JSON.writeValue(truth.toFile(), coco);
        Result eval = cli(with("eval", "--ground-truth", truth.toString(), "--images", TEST_SET.toString(),
                "--out", tmp.resolve("e.json").toString()));
        assertEquals(2, eval.exitCode(), eval.out());
        assertTrue(eval.err().contains("not-there.jpg") && eval.err().contains("NOT_FOUND"), eval.err());
    }

    /** The benchmark config, with its repository-relative model paths made absolute and output under tmp. */
    private String[] with(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", Path.of("..", "conf", "quality-bench.conf").toString(),
                "--output", tmp.resolve("out").toString(),
                "--set", "precision.model=" + QUALITY.resolve("shapes-yolo.onnx"),
                "--set", "open-vocab.model=" + QUALITY.resolve("shapes-openvocab.onnx"),
                "--set", "open-vocab.embeddings-file=" + QUALITY.resolve("shapes-embeddings.json")));
        return all.toArray(String[]::new);
    }

    /** The test set's first {@code count} images and their annotations, as a COCO file of its own. */
    private Path subset(int count) throws Exception {
        ObjectNode coco = (ObjectNode) JSON.readTree(TEST_SET.resolve("instances.json").toFile());
        ArrayNode images = JSON.createArrayNode();
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            images.add(coco.get("images").get(i));
            ids.add(coco.get("images").get(i).get("id").asLong());
        }
        ArrayNode annotations = JSON.createArrayNode();
        coco.get("annotations").forEach(a -> {
            if (ids.contains(a.get("image_id").asLong())) {
                annotations.add(a);
            }
        });
        coco.set("images", images);
        coco.set("annotations", annotations);
        Path file = tmp.resolve("truth.json");
        JSON.writeValue(file.toFile(), coco);
        return file;
    }

    private Path manifest(Path truth) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (JsonNode image : JSON.readTree(truth.toFile()).get("images")) {
            Path file = TEST_SET.resolve(image.get("file_name").asText());
            lines.append(JSON.writeValueAsString(JSON.createObjectNode().put("id", "img-" + image.get("id").asText())
                    .put("uri", file.toString()))).append('\n');
        }
        return Files.writeString(tmp.resolve("manifest.jsonl"), lines);
    }

    private static Result cli(String... args) {
        return CliCapture.run(args);
    }
}
