package dev.autolabel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailurePolicyTest {

    private static final String MINIMAL = """
            autolabel {
              manifest.uri = "m.jsonl"
              precision.model = "yolo.onnx"
              open-vocab.enabled = false
            }
            """;

    @TempDir
    Path dir;

    @Test
    void overTheRatioOnlyOnceEnoughImagesAreDone() {
        FailurePolicy policy = new FailurePolicy(0.5, 100);
        assertFalse(policy.exceeded(99, 99), "99 images are too few to judge");
        assertTrue(policy.exceeded(100, 51));
        assertFalse(policy.exceeded(100, 50), "exactly at the limit is not over it");
        assertFalse(policy.exceeded(1000, 0));
        assertFalse(new FailurePolicy(1.0, 1).exceeded(10, 10), "a ratio of 1 never stops a run");
        assertTrue(new FailurePolicy(0.0, 1).exceeded(1, 1), "a ratio of 0 stops at the first failure");
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FailurePolicy(1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> new FailurePolicy(Double.NaN, 10));
        assertThrows(IllegalArgumentException.class, () -> new FailurePolicy(0.5, 0));
    }

    @Test
    void defaultsComeFromReferenceConfAndKeysAreChecked() throws IOException {
        Path file = Files.writeString(dir.resolve("run.conf"), MINIMAL);
        assertEquals(new FailurePolicy(0.5, 100), ConfigLoader.load(file, Map.of()).run().failurePolicy());
        assertEquals(new FailurePolicy(0.25, 10), ConfigLoader.load(file,
                Map.of("run.max-failure-ratio", "0.25", "run.min-images-for-failure-ratio", "10")).run().failurePolicy());
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ConfigLoader.load(file, Map.of("run.max-failure-ratio", "2")));
        assertTrue(e.getMessage().contains("autolabel.run.max-failure-ratio"), e.getMessage());
        e = assertThrows(InvalidConfigException.class,
                () -> ConfigLoader.load(file, Map.of("run.min-images-for-failure-ratio", "0")));
        assertTrue(e.getMessage().contains("autolabel.run.min-images-for-failure-ratio"), e.getMessage());
    }
}
