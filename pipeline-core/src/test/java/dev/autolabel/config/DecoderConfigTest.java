package dev.autolabel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.image.DecoderChoice;
import dev.autolabel.image.DecoderSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** image.decoder and image.dct-scaling. */
class DecoderConfigTest {

    private static final String BASE = """
            autolabel {
              run.output = "/tmp/runs"
              manifest.uri = "/tmp/manifest.jsonl"
              precision.model = "/tmp/yolo.onnx"
              open-vocab.enabled = false
            }
            """;

    @TempDir
    Path dir;

    private AutolabelConfig load(Map<String, String> overrides) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("run.conf"), BASE), overrides);
    }

    @Test
    void defaultsToTheFastPathWithDctScaling() throws IOException {
        assertEquals(DecoderSettings.defaults(), load(Map.of()).decoder());
        assertEquals(new DecoderSettings(DecoderChoice.AUTO, true), DecoderSettings.defaults());
    }

    @Test
    void readsTheChoiceAndTheScalingSwitch() throws IOException {
        assertEquals(new DecoderSettings(DecoderChoice.IMAGEIO, true), load(Map.of("image.decoder", "imageio")).decoder());
        assertEquals(new DecoderSettings(DecoderChoice.FAST, false),
                load(Map.of("image.decoder", "fast", "image.dct-scaling", "false")).decoder());
    }

    @Test
    void unknownDecoderNamesTheKey() throws IOException {
        Path file = Files.writeString(dir.resolve("run.conf"), BASE);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ConfigLoader.load(file, Map.of("image.decoder", "turbo")));
        assertTrue(e.getMessage().contains("image.decoder"), e.getMessage());
        assertTrue(e.getMessage().contains("auto, fast or imageio"), e.getMessage());
    }

    @Test
    void theDecoderIsPartOfTheLabelingConfigHash() throws IOException {
        // Decoders differ by a level here and there and DCT scaling changes the resampling: labels may move.
        String base = load(Map.of()).labelingConfigHash();
        assertNotEquals(base, load(Map.of("image.decoder", "imageio")).labelingConfigHash());
        assertNotEquals(base, load(Map.of("image.dct-scaling", "false")).labelingConfigHash());
    }
}
