package dev.autolabel.spark.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.spark.CliCapture;
import dev.autolabel.spark.CliCapture.Result;
import dev.autolabel.testing.ExportFixtures;
import dev.autolabel.testing.ExportFixtures.Case;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each pair of a real export's stand-in and a wrong setting: {@code validate} and {@code run} both stop before any
 * Spark job, with exit code 2 and one line that names the model, the tensor or key, and the fix. And a model that
 * passes the check but fails on the executors ends the run with one message, exit 2 and a failed run.json.
 */
class WrongSettingsCliTest {

    @TempDir
    Path tmp;

    /** An export, what is wrong, and a piece of the one line that must say so. */
    record Wrong(String name, String family, String extraConfig, List<String> dropFiles, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Wrong> pairs() {
        return Stream.of(
                new Wrong("nms=True export left at format yolo", "yolo11 nms=True (end2end)",
                        "precision.format = \"yolo\"", List.of(), "precision.format = \"yolo\" does not fit"),
                new Wrong("YOLOv5 export read as yolo", "yolov5", "precision.format = \"yolo\"", List.of(),
                        "is not [N, 4+C, A] for 5 class names"),
                new Wrong("YOLO11 export read as yolov5", "yolo11", "precision.format = \"yolov5\"", List.of(),
                        "Ultralytics 8+ exporter"),
                new Wrong("HF DETR export read as Ultralytics RT-DETR", "hf detr (optimum)",
                        "precision.format = \"rtdetr\"", List.of(), "precision.format = \"rtdetr\" does not fit"),
                new Wrong("rank mismatch: HF DETR read as torchvision", "hf detr (optimum)",
                        "precision.format = \"torchvision\"", List.of(), "[3, H, W]"),
                new Wrong("wrong input size for a fixed 640x640 export", "yolo11",
                        "precision.input { width = 320, height = 320 }", List.of(), "does not match the model's fixed input"),
                new Wrong("image input neither float32 nor float16 (uint8)", "yolo11-uint8", "", List.of(),
                        "images: uint8 [1, 3, 640, 640] is neither float32 nor float16"),
                new Wrong("OWLv2 without its tokenizer.json", "owlv2 (optimum)", "", List.of("tokenizer.json"),
                        "set open-vocab.tokenizer"),
                new Wrong("Grounding DINO without its tokenizer.json", "grounding-dino", "", List.of("tokenizer.json"),
                        "set open-vocab.tokenizer"),
                new Wrong("OWL export without config.json: OWL-ViT or OWLv2?", "owlv2 (optimum)", "",
                        List.of("config.json"), "could be \"owlvit\" or \"owlv2\""),
                new Wrong("query_embeds [1,Q,8] with 3-dim embeddings", "owlv2 split (query_embeds [1,Q,D])",
                        "open-vocab.embeddings-file = \"%t/small.json\"", List.of(), "wants embeddings of dimension 8"),
                new Wrong("text_features input without any embeddings", "yolo-world text_features",
                        "open-vocab.embeddings-file = \"\"", List.of(), "takes text embeddings"),
                new Wrong("baked classes that do not name a prompt", "yolo-world baked classes",
                        "open-vocab.prompts = [\"red ball\", \"purple ball\"]", List.of(), "'purple ball' is not one of"),
                new Wrong("open-vocabulary export as the precision pass", "owlv2 (optimum)",
                        "precision.model = \"%f/model.onnx\"", List.of(), "is an open-vocabulary export"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void validateAndRunStopWithOneLineAndExitCode2(Wrong wrong) throws Exception {
        Case c = ExportFixtures.cases().stream().filter(x -> x.name().equals(wrong.family()) || x.folder().equals(wrong.family()))
                .findFirst().orElseGet(() -> new Case(wrong.family(), wrong.family(), false,
                        "precision.model = \"%s/model.onnx\"\n", ExportFixtures.CLOSED_SET_LABELS));
        Path folder = copyWithout(ExportFixtures.folder(c.folder()), wrong.dropFiles());
        Files.writeString(tmp.resolve("small.json"), "{\"dim\": 3, \"embeddings\": {\"red car\": [1,0,0], \"green dog\":"
                + " [0,1,0], \"blue person\": [0,0,1], \"purple thing\": [0.6,0.8,0]}}");
        Path manifest = ExportFamiliesCliTest.scenes(tmp);
        Path out = tmp.resolve("out");
        String base = ExportFixtures.config(c, manifest.toString(), out.toString())
                .replace(ExportFixtures.folder(c.folder()).toString(), folder.toString());
        String extra = wrong.extraConfig().replace("%t", tmp.toString()).replace("%f", folder.toString());
        Path config = Files.writeString(tmp.resolve("wrong.conf"), base + (extra.isEmpty() ? "" : "autolabel." + extra + "\n"));

        for (String command : List.of("validate", "run")) {
            Result r = command.equals("run")
                    ? CliCapture.run("run", "--config", config.toString(), "--master", "local[1]", "--run-id", "r1")
                    : CliCapture.run("validate", "--config", config.toString());
            assertEquals(2, r.exitCode(), wrong + " " + command + ": " + r.err());
            List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
            assertEquals(1, errors.size(), wrong + " " + command + ": one error line: " + r.err());
            assertTrue(errors.get(0).contains(wrong.expected()), wrong + " " + command + ": " + errors.get(0));
            assertFalse(r.err().contains("\tat "), "no stack trace on the console: " + r.err());
            System.out.printf("[wrong] %s | %s | %s%n", wrong, command, errors.get(0));
        }
        assertFalse(Files.exists(out.resolve("r1")), "run stopped before any Spark job: nothing written");
    }

    @Test
    void aModelErrorOnTheExecutorsEndsTheRunWithOneMessageAndAFailedRunJson() throws Exception {
        // One image the model cannot take first, then twenty it can, one shard each, one task at a time: the error
        // in the first shard cancels the job instead of waiting for the other twenty.
        StringBuilder rows = new StringBuilder();
        Path big = Files.write(tmp.resolve("big.png"), ExportFixtures.scenePng(1280, 720));
        rows.append("{\"id\": \"big\", \"uri\": \"").append(big).append("\"}\n");
        Path small = Files.write(tmp.resolve("small.png"), ExportFixtures.scenePng(640, 480));
        for (int i = 0; i < 20; i++) {
            rows.append("{\"id\": \"s").append(i).append("\", \"uri\": \"").append(small).append("\"}\n");
        }
        Path manifest = Files.writeString(tmp.resolve("m.jsonl"), rows.toString());
        Path out = tmp.resolve("out");
        Path model = ExportFixtures.folder("fails-beyond-640x480").resolve("model.onnx");
        Path config = Files.writeString(tmp.resolve("c.conf"), "autolabel.run.output = \"" + out + "\"\n"
                + "autolabel.run.images-per-shard = 1\nautolabel.manifest.uri = \"" + manifest + "\"\n"
                + "autolabel.open-vocab.enabled = false\nautolabel.precision.model = \"" + model + "\"\n");

        Result validate = CliCapture.run("validate", "--config", config.toString());
        assertEquals(0, validate.exitCode(), "the trial images are 640x480 and 480x640, so the check passes: " + validate.err());
        Result run = CliCapture.run("run", "--config", config.toString(), "--master", "local[1]", "--run-id", "r1");

        assertEquals(2, run.exitCode(), run.err());
        List<String> errors = run.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), run.err());
        assertTrue(errors.get(0).contains("a model failed on an executor") && errors.get(0).contains("FAILED_MODEL_ERROR"),
                errors.get(0));
        assertFalse(run.err().contains("\tat "), "no stack trace on the console: " + run.err());
        JsonNode runJson = new ObjectMapper().readTree(out.resolve("r1").resolve("run.json").toFile());
        assertEquals("FAILED_MODEL_ERROR", runJson.get("status").asText());
        long committed;
        try (Stream<Path> markers = Files.list(out.resolve("r1").resolve("_committed"))) {
            committed = markers.count();
        } catch (java.nio.file.NoSuchFileException none) {
            committed = 0;
        }
        assertTrue(committed < 20, "the job was cancelled, not run to the end: " + committed + " of 21 shards committed");
        System.out.printf("[wrong] executor model error | run | %s (%d of 21 shards committed)%n", errors.get(0), committed);
    }

    private Path copyWithout(Path source, List<String> drop) throws Exception {
        if (drop.isEmpty()) {
            return source;
        }
        Path copy = Files.createDirectories(tmp.resolve("export-" + source.getFileName()));
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                if (!drop.contains(f.getFileName().toString())) {
                    Files.copy(f, copy.resolve(f.getFileName()));
                }
            }
        }
        return copy;
    }
}
