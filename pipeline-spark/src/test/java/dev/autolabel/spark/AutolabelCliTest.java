package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.model.Sha256;
import dev.autolabel.spark.CliCapture.Result;
import dev.autolabel.testing.FixtureModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: help, validate (good and bad configs), and the demo config end to end. */
class AutolabelCliTest {

    @TempDir
    Path tmp;

    @Test
    void helpListsTheCommandsAndRunOptions() {
        Result top = cli("--help");
        assertEquals(0, top.exitCode());
        assertTrue(top.out().contains("run") && top.out().contains("validate") && top.out().contains("demo-data"), top.out());
        Result run = cli("run", "--help");
        for (String option : new String[] {"--config", "--manifest", "--output", "--run-id", "--set", "--master"}) {
            assertTrue(run.out().contains(option), "run --help explains " + option);
        }
    }

    @Test
    void validatePrintsModelHashesShapesAndManifestRows() throws Exception {
        Path manifest = Files.writeString(tmp.resolve("m.jsonl"), "{\"id\": \"a\", \"uri\": \"/x/a.jpg\"}\nnot json\n");
        Path config = Files.writeString(tmp.resolve("ok.conf"),
                LabelingScenario.localConfig(manifest.toString(), tmp.resolve("out").toString(), 10));
        Result r = cli("validate", "--config", config.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains(Sha256.ofFile(FixtureModels.yolo())), "prints the precision model's SHA-256");
        assertTrue(r.out().contains(Sha256.ofFile(FixtureModels.openVocab())), "prints the open-vocab model's SHA-256");
        assertTrue(r.out().contains("provider: CPU"), r.out());
        assertTrue(r.out().contains("input:    images: float32 [batch, 3, 64, 64]"), "prints input dtypes and shapes: " + r.out());
        assertTrue(r.out().contains("decoder:  yolo") && r.out().contains("letterbox 64x64"), "prints the decoder and preprocessing: " + r.out());
        assertTrue(r.out().contains("trial run on 640x480 and 480x640 synthetic images"), "prints the trial run: " + r.out());
        assertTrue(r.out().contains("/x/a.jpg") && r.out().contains("lineNumber=2"), "shows manifest rows, malformed too");
    }

    @Test
    void validateRejectsAWrongKeyAndAMissingModelWithExitCode2() throws Exception {
        Path manifest = Files.writeString(tmp.resolve("m.jsonl"), "");
        String good = LabelingScenario.localConfig(manifest.toString(), tmp.resolve("out").toString(), 10);
        Path typo = Files.writeString(tmp.resolve("typo.conf"), good + "\nautolabel.precision.treshold = 0.5\n");
        Result r = cli("validate", "--config", typo.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("autolabel.precision.treshold"), r.err());

        Result missing = cli("validate", "--config", typo.toString().replace("typo", "ok"), "--set", "x=1");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("Config file not found"), missing.err());

        Path noModel = Files.writeString(tmp.resolve("nomodel.conf"), good);
        Result m = cli("validate", "--config", noModel.toString(), "--set", "precision.model=/nowhere/model.onnx");
        assertEquals(2, m.exitCode());
        assertTrue(m.err().contains("/nowhere/model.onnx"), m.err());
    }

    @Test
    void theDemoConfigLabelsTheGeneratedDemoSet() throws Exception {
        Path demo = tmp.resolve("demo-data");
        assertEquals(0, cli("demo-data", "--out", demo.toString(), "--count", "12").exitCode());
        Path models = Path.of("..", "pipeline-core", "src", "test", "resources", "models").toAbsolutePath().normalize();
        Result run = cli("run", "--config", Path.of("..", "conf", "local.conf").toString(), "--master", "local[2]",
                "--manifest", demo.resolve("manifest.jsonl").toString(), "--output", tmp.resolve("out").toString(),
                "--run-id", "demo", "--set", "precision.model=" + models.resolve("blobs-yolo.onnx"),
                "--set", "open-vocab.model=" + models.resolve("blobs-openvocab.onnx"),
                "--set", "open-vocab.embeddings-file=" + models.resolve("blobs-embeddings.json"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("[autolabel] done: 14 images (12 labeled, 2 failed)"), run.out());
        Path runDir = tmp.resolve("out").resolve("demo");
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
        assertEquals(14, summary.get("images").asInt());
        assertTrue(summary.path("detections_by_source").path("precise").asInt() > 0, summary.toString());
        try (Stream<Path> files = Files.list(runDir)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".parquet")).count(), "14 rows, 16 per shard: one shard");
        }
    }

    private static Result cli(String... args) {
        return CliCapture.run(args);
    }
}
