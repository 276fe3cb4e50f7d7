package dev.autolabel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.model.Prompt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-class thresholds, switched-off classes, prompt ensembles and calibration provenance in the config. */
class CalibratedThresholdsConfigTest {

    private static final String BASE = """
            autolabel {
              precision.model = "yolo.onnx"
              open-vocab { model = "owl.onnx", embeddings-file = "e.json", prompts = ["star"] }
            }
            """;

    private static AutolabelConfig load(String extra) {
        return ConfigLoader.fromConfig(ConfigFactory.parseString(BASE + extra), Map.of());
    }

    @Test
    void defaultsHaveNoSwitchedOffClassesAndNoCalibration() {
        AutolabelConfig config = load("");

        assertEquals(Set.of(), config.precision().params().disabledClasses());
        assertEquals(Set.of(), config.openVocab().orElseThrow().params().disabledLabels());
        assertEquals(CalibrationSettings.NONE, config.calibration());
        assertFalse(config.calibration().isPresent());
    }

    @Test
    void perClassThresholdsAndSwitchedOffClassesAreRead() {
        AutolabelConfig config = load("""
                autolabel.precision { class-thresholds { circle = 0.62, "traffic light" = 0.8 }, disabled-classes = [triangle] }
                autolabel.open-vocab { label-thresholds { star = 0.41 }, disabled-labels = ["cross"] }
                """);

        assertEquals(0.62f, config.precision().params().thresholdFor("circle"));
        assertEquals(0.8f, config.precision().params().thresholdFor("traffic light"));
        assertEquals(Set.of("triangle"), config.precision().params().disabledClasses());
        assertFalse(config.precision().params().passes("triangle", 0.99f));
        assertTrue(config.precision().params().passes("circle", 0.62f));
        assertEquals(0.41f, config.openVocab().orElseThrow().params().thresholdFor("star"));
        assertEquals(Set.of("cross"), config.openVocab().orElseThrow().params().disabledLabels());
    }

    @Test
    void switchingAClassOffChangesTheLabelingHash() {
        assertNotEquals(load("").labelingConfigHash(), load("autolabel.precision.disabled-classes = [circle]").labelingConfigHash());
        assertThrows(InvalidConfigException.class, () -> load("autolabel.precision.disabled-classes = [\" \"]"));
    }

    @Test
    void anEnsembleEntryIsOneQueryOfSeveralTexts() {
        List<Prompt> prompts = load("""
                autolabel.open-vocab.prompts = [
                  { label = star, texts = ["star", "yellow star"], ensemble = true, threshold = 0.3 }
                  { label = cross, texts = ["cross", "red cross"] }
                ]
                """).openVocab().orElseThrow().prompts();

        assertEquals(List.of(new Prompt("star", List.of("star", "yellow star")), new Prompt("cross", "cross"),
                new Prompt("cross", "red cross")), prompts);
        assertEquals("star + yellow star", prompts.get(0).text());
        assertTrue(prompts.get(0).isEnsemble());
    }

    @Test
    void anUnknownKeyInAPromptEntryIsRefused() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> load(
                "autolabel.open-vocab.prompts = [{ label = star, texts = [star], ensamble = true }]"));
        assertTrue(e.getMessage().contains("unknown key(s) [ensamble]"), e.getMessage());
    }

    @Test
    void calibrationProvenanceIsRead() {
        String sha = "0123456789abcdef".repeat(4);
        CalibrationSettings calibration = load("""
                autolabel.calibration { reviewed-run = "out/val", review-set = "out/val/reviews/review-001.json",
                  review-set-sha256 = "%s", target-precision = 0.95 }
                """.formatted(sha)).calibration();

        assertEquals(new CalibrationSettings(Optional.of("out/val"), Optional.of("out/val/reviews/review-001.json"),
                Optional.of(sha), OptionalDouble.of(0.95f)), calibration);
        InvalidConfigException bad = assertThrows(InvalidConfigException.class,
                () -> load("autolabel.calibration.review-set-sha256 = \"abc\""));
        assertTrue(bad.getMessage().contains("calibration.review-set-sha256"), bad.getMessage());
    }

    @Test
    void aRunJsonIsReadAsTheConfigItRecordedWithItsRedactedSecretsCleared(@TempDir Path dir) throws IOException {
        AutolabelConfig original = load("autolabel.precision.class-thresholds { circle = 0.55 }");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode config =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(original.effectiveConfigJson());
        ((com.fasterxml.jackson.databind.node.ObjectNode) config.get("storage").get("s3"))
                .put("access-key-id", "***redacted***").put("secret-access-key", "***redacted***");
        com.fasterxml.jackson.databind.node.ObjectNode root = json.createObjectNode().put("run_id", "r1")
                .put("config_hash", original.labelingConfigHash());
        root.set("config", config);
        String runJson = json.writeValueAsString(root);
        Files.writeString(dir.resolve("run.json"), runJson);

        AutolabelConfig replayed = ConfigLoader.load(dir.resolve("run.json"), Map.of("run.id", "again"));

        assertEquals(original.labelingConfigHash(), replayed.labelingConfigHash());
        assertEquals(0.55f, replayed.precision().params().thresholdFor("circle"));
        assertEquals(Optional.empty(), replayed.storage().s3().accessKeyId(), "redacted keys are cleared");
        assertEquals(Optional.of("again"), replayed.run().runId());
    }

    @Test
    void aCalibrationFileIncludedLastOverridesTheThresholds(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("calibration.conf"), """
                autolabel {
                  precision.class-thresholds { "circle" = 0.55 }
                  precision.disabled-classes = ["triangle"]
                  calibration.review-set-sha256 = "%s"
                }
                """.formatted("ab".repeat(32)));
        Files.writeString(dir.resolve("run.conf"), BASE + """
                autolabel.precision.class-thresholds { circle = 0.9, square = 0.8 }
                include "calibration.conf"
                """);

        AutolabelConfig config = ConfigLoader.load(dir.resolve("run.conf"), Map.of());

        assertEquals(0.55f, config.precision().params().thresholdFor("circle"));
        assertEquals(0.8f, config.precision().params().thresholdFor("square"), "classes the file leaves out keep theirs");
        assertEquals(Set.of("triangle"), config.precision().params().disabledClasses());
        assertEquals(Optional.of("ab".repeat(32)), config.calibration().reviewSetSha256());
    }
}
