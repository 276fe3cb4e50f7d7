package dev.autolabel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.storage.OutputEncryption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.since, storage.allowed-prefixes, server-side encryption, and secrets kept out of messages and dumps. */
class SecurityAndIncrementalConfigTest {

    private static final String SECRET = "wJalrXUtnFEMI-very-secret";

    private static final String BASE = """
            autolabel {
              run.output = "s3://labels/runs"
              manifest.uri = "s3://data/manifests/today.jsonl"
              precision.model = "s3://models/yolo.onnx"
              open-vocab {
                model = "s3://models/owl.onnx"
                embeddings-file = "s3://models/owl.json"
                prompts = [ "ball" ]
              }
              storage.s3 { access-key-id = "AKIAEXAMPLE", secret-access-key = "%s" }
            }
            """.formatted(SECRET);

    @TempDir
    Path dir;

    private AutolabelConfig load(Map<String, String> overrides) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("run.conf"), BASE), overrides);
    }

    private InvalidConfigException fails(Map<String, String> overrides) throws IOException {
        Path file = Files.writeString(dir.resolve("run.conf"), BASE);
        return assertThrows(InvalidConfigException.class, () -> ConfigLoader.load(file, overrides));
    }

    @Test
    void sinceNamesAnEarlierRun() throws IOException {
        assertEquals(Optional.empty(), load(Map.of()).run().since());
        assertEquals(Optional.of("20261124-0600"), load(Map.of("run.since", "20261124-0600")).run().since());
        assertTrue(fails(Map.of("run.since", "../other")).getMessage().contains("run.since"));
        InvalidConfigException self = fails(Map.of("run.since", "n1", "run.id", "n1"));
        assertTrue(self.getMessage().contains("run.since"), self.getMessage());
    }

    @Test
    void sinceDoesNotChangeTheLabelingConfigHash() throws IOException {
        assertEquals(load(Map.of()).labelingConfigHash(), load(Map.of("run.since", "earlier")).labelingConfigHash());
    }

    @Test
    void allowedPrefixesCoverTheInputsAndAlwaysTheOwnOutput() throws IOException {
        AutolabelConfig open = load(Map.of());
        assertFalse(open.storage().allowedPrefixes().restricts());

        AutolabelConfig restricted = load(Map.of("storage.allowed-prefixes", "[\"s3://data/\", \"s3://models/\"]"));
        assertTrue(restricted.storage().allowedPrefixes().allows("s3://data/photos/a.jpg"));
        assertTrue(restricted.storage().allowedPrefixes().allows("s3://labels/runs/r1/_committed/part-00000.json"));
        assertFalse(restricted.storage().allowedPrefixes().allows("s3://labels/other/x.json"));
        assertFalse(restricted.storage().allowedPrefixes().allows("s3://private/a.jpg"));
    }

    @Test
    void aManifestModelOrEmbeddingsOutsideTheAllowedPrefixesStopsWithTheKeyNamed() throws IOException {
        String onlyData = "[\"s3://data/\"]";
        InvalidConfigException model = fails(Map.of("storage.allowed-prefixes", onlyData));
        assertTrue(model.getMessage().contains("precision.model") && model.getMessage().contains("s3://models/yolo.onnx"),
                model.getMessage());
        assertTrue(model.getMessage().contains("storage.allowed-prefixes"), model.getMessage());

        InvalidConfigException manifest = fails(Map.of("storage.allowed-prefixes", "[\"s3://models/\"]"));
        assertTrue(manifest.getMessage().contains("manifest.uri"), manifest.getMessage());

        InvalidConfigException embeddings = fails(Map.of("storage.allowed-prefixes", "[\"s3://data/\", \"s3://models/yolo.onnx\", "
                + "\"s3://models/owl.onnx\"]"));
        assertTrue(embeddings.getMessage().contains("open-vocab.embeddings-file"), embeddings.getMessage());

        InvalidConfigException malformed = fails(Map.of("storage.allowed-prefixes", "[\"gs://data/\"]"));
        assertTrue(malformed.getMessage().contains("storage.allowed-prefixes"), malformed.getMessage());
    }

    @Test
    void serverSideEncryptionIsCheckedAndTyped() throws IOException {
        assertEquals(OutputEncryption.NONE, load(Map.of()).storage().s3().encryption());
        assertEquals(new OutputEncryption(Optional.of("AES256"), Optional.empty()),
                load(Map.of("storage.s3.server-side-encryption", "AES256")).storage().s3().encryption());
        assertEquals(new OutputEncryption(Optional.of("aws:kms"), Optional.of("alias/labels")),
                load(Map.of("storage.s3.server-side-encryption", "aws:kms", "storage.s3.kms-key-id", "alias/labels"))
                        .storage().s3().encryption());
        assertTrue(fails(Map.of("storage.s3.server-side-encryption", "rot13")).getMessage()
                .contains("storage.s3.server-side-encryption"));
        assertTrue(fails(Map.of("storage.s3.kms-key-id", "alias/labels")).getMessage().contains("storage.s3.kms-key-id"));
    }

    @Test
    void secretsNeverAppearInTheConfigDumpOrInMessages() throws IOException {
        AutolabelConfig config = load(Map.of());
        assertFalse(config.effectiveConfigJson().contains(SECRET));
        assertFalse(config.effectiveConfigJson().contains("AKIAEXAMPLE"));
        assertTrue(config.effectiveConfigJson().contains("redacted"));
        assertFalse(config.storage().toString().contains(SECRET));

        InvalidConfigException bad = fails(Map.of("storage.s3.secret-access-key", "[" + SECRET));
        assertTrue(bad.getMessage().contains("storage.s3.secret-access-key"), bad.getMessage());
        assertFalse(bad.getMessage().contains(SECRET), bad.getMessage());
        assertFalse(String.valueOf(bad.getCause()).contains(SECRET));
    }
}
