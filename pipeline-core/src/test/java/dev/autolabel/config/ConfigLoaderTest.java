package dev.autolabel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.model.Prompt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String VALID = """
            autolabel {
              manifest.uri = "s3://bucket/manifest.jsonl"
              precision {
                model = "models/yolo.onnx"
                threshold = 0.7
                class-thresholds { person = 0.8, "traffic light" = 0.5 }
              }
              open-vocab {
                model = "models/owl.onnx"
                embeddings-file = "models/owl.embeddings.json"
                prompts = [ "referee", { label = "ball", texts = ["soccer ball", "football"], threshold = 0.3 } ]
              }
              storage.s3 { access-key-id = "AKIAEXAMPLE", secret-access-key = "very-secret-value" }
            }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private InvalidConfigException loadFails(String text) throws IOException {
        Path file = write("bad.conf", text);
        return assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(file, Map.of()));
    }

    @Test
    void validConfigIsTypedWithDefaultsFromReference() throws IOException {
        AutolabelConfig config = ConfigLoader.load(write("run.conf", VALID), Map.of());

        assertEquals(Optional.of("s3://bucket/manifest.jsonl"), config.manifest().uri());
        assertEquals(0.7f, config.precision().params().threshold());
        assertEquals(0.8f, config.precision().params().thresholdFor("person"));
        assertEquals(0.5f, config.precision().params().thresholdFor("traffic light"));
        assertEquals(0.7f, config.precision().params().thresholdFor("car"));
        assertEquals(8, config.batchSize());
        assertEquals(0.5f, config.merge().iou());
        OpenVocabSettings ov = config.openVocab().orElseThrow();
        assertEquals(List.of(new Prompt("referee", "referee"), new Prompt("ball", "soccer ball"), new Prompt("ball", "football")),
                ov.prompts());
        assertEquals(0.3f, ov.params().thresholdFor("ball"));
        assertEquals(0.25f, ov.params().thresholdFor("referee"));
        assertEquals(64L * 1024 * 1024, config.storage().maxObjectBytes());
    }

    @Test
    void wrongTypeNamesTheKeyAndTheFile() throws IOException {
        InvalidConfigException e = loadFails(VALID + "autolabel.precision.threshold = \"high\"\n");
        assertTrue(e.getMessage().contains("precision.threshold"), e.getMessage());
        assertTrue(e.getMessage().contains("bad.conf"), e.getMessage());
    }

    @Test
    void missingRequiredKeyNamesTheKey() throws IOException {
        InvalidConfigException e = loadFails(VALID.replace("model = \"models/yolo.onnx\"", ""));
        assertTrue(e.getMessage().contains("autolabel.precision.model is required"), e.getMessage());
    }

    @Test
    void outOfRangeValueNamesTheKeyFileAndLine() throws IOException {
        InvalidConfigException e = loadFails(VALID + "autolabel.merge.iou = 1.5\n");
        assertTrue(e.getMessage().contains("autolabel.merge.iou must be between 0.0 and 1.0, got 1.5"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*bad\\.conf: \\d+.*"), e.getMessage());
    }

    @Test
    void outOfRangeInsideFreeFormMapNamesTheEntry() throws IOException {
        InvalidConfigException e = loadFails(VALID + "autolabel.precision.class-thresholds.person = 2\n");
        assertTrue(e.getMessage().contains("precision.class-thresholds.\"person\""), e.getMessage());
    }

    @Test
    void unknownKeyIsRejectedInsteadOfSilentlyIgnored() throws IOException {
        InvalidConfigException e = loadFails(VALID + "autolabel.precision.treshold = 0.9\n");
        assertTrue(e.getMessage().contains("autolabel.precision.treshold"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
    }

    @Test
    void badEnumValueListsTheChoices() throws IOException {
        InvalidConfigException e = loadFails(VALID + "autolabel.execution.device = gpu\n");
        assertTrue(e.getMessage().contains("autolabel.execution.device"), e.getMessage());
        assertTrue(e.getMessage().contains("auto, cpu or cuda"), e.getMessage());
    }

    @Test
    void openVocabNeedsPromptsOnlyWhenEnabled() throws IOException {
        InvalidConfigException e = loadFails(VALID.replace("prompts = [", "prompts = [] \n old = [")
                .replace("old = [ \"referee\", { label = \"ball\", texts = [\"soccer ball\", \"football\"], threshold = 0.3 } ]", ""));
        assertTrue(e.getMessage().contains("open-vocab.prompts"), e.getMessage());

        AutolabelConfig passOneOnly = ConfigLoader.load(write("p1.conf", """
                autolabel.precision.model = "m.onnx"
                autolabel.open-vocab.enabled = false
                """), Map.of());
        assertTrue(passOneOnly.openVocab().isEmpty());
    }

    @Test
    void commandLineOverridesWinOverTheFile() throws IOException {
        AutolabelConfig config = ConfigLoader.load(write("run.conf", VALID),
                Map.of("run.id", "nightly-7", "precision.threshold", "0.9", "precision.class-names", "[a, b]"));
        assertEquals(Optional.of("nightly-7"), config.run().runId());
        assertEquals(0.9f, config.precision().params().threshold());
        assertEquals(List.of("a", "b"), config.precision().model().classNames());
    }

    @Test
    void invalidRunIdIsRefused() throws IOException {
        InvalidConfigException e = loadFails(VALID + "autolabel.run.id = \"../escape\"\n");
        assertTrue(e.getMessage().contains("autolabel.run.id"), e.getMessage());
    }

    @Test
    void secretsAreRedactedFromTheEffectiveConfig() throws IOException {
        AutolabelConfig config = ConfigLoader.load(write("run.conf", VALID), Map.of());
        assertFalse(config.effectiveConfigJson().contains("very-secret-value"));
        assertFalse(config.effectiveConfigJson().contains("AKIAEXAMPLE"));
        assertFalse(config.storage().s3().toString().contains("very-secret-value"));
        assertTrue(config.storage().s3().secretAccessKey().isPresent());
    }

    @Test
    void labelingHashFollowsLabelingSettingsOnly() throws IOException {
        Path file = write("run.conf", VALID);
        String base = ConfigLoader.load(file, Map.of()).labelingConfigHash();
        assertEquals(base, ConfigLoader.load(file, Map.of("run.id", "other", "execution.batch-size", "2")).labelingConfigHash());
        assertNotEquals(base, ConfigLoader.load(file, Map.of("merge.coverage", "0.5")).labelingConfigHash());
        assertEquals(64, base.length());
    }

    @Test
    void missingFileIsOneClearMessage() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ConfigLoader.load(dir.resolve("nope.conf"), Map.of()));
        assertTrue(e.getMessage().contains("nope.conf"), e.getMessage());
    }

    @Test
    void syntaxErrorNamesTheFile() throws IOException {
        InvalidConfigException e = loadFails("autolabel { precision { model = \n");
        assertTrue(e.getMessage().contains("bad.conf"), e.getMessage());
    }
}
