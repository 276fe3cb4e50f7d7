package dev.autolabel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.tiling.PassTiling;
import dev.autolabel.tiling.TilingSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code precision.tiling} and {@code open-vocab.tiling}: off by default, every key read, bad values named. */
class TilingConfigTest {

    private static AutolabelConfig config(String extra) {
        String text = String.format("""
                autolabel {
                  precision.model = "%s"
                  open-vocab { model = "%s", embeddings-file = "%s", prompts = [ "red thing" ] }
                  %s
                }
                """, FixtureModels.yolo(), FixtureModels.openVocab(), FixtureModels.embeddingsFile(), extra);
        return ConfigLoader.fromConfig(ConfigFactory.parseString(text), Map.of());
    }

    @Test
    void offByDefault() {
        assertEquals(PassTiling.off(), config("").tiling());
    }

    @Test
    void everyKeyIsReadPerPass() {
        AutolabelConfig config = config("""
                precision.tiling { enabled = true, size = 1024, overlap = 0.3, include-full-image = false,
                  min-image-size = 2000, class-agnostic = true }
                open-vocab.tiling { enabled = true }
                """);
        assertEquals(new TilingSettings(true, 1024, 0.3f, false, 2000, true), config.tiling().precision());
        assertEquals(new TilingSettings(true, 0, 0.2f, true, 0, false), config.tiling().openVocab());
        assertNotEquals(config("").labelingConfigHash(), config.labelingConfigHash(), "tiling changes labels");
    }

    @Test
    void openVocabTilingIsOffWhenOpenVocabIs() {
        assertEquals(TilingSettings.off(), config("open-vocab { enabled = false, tiling.enabled = true }").tiling().openVocab());
    }

    @Test
    void badValuesNameTheirKey() {
        InvalidConfigException small = assertThrows(InvalidConfigException.class,
                () -> config("precision.tiling.size = 8"));
        assertTrue(small.getMessage().contains("precision.tiling.size"), small.getMessage());
        InvalidConfigException overlap = assertThrows(InvalidConfigException.class,
                () -> config("open-vocab.tiling.overlap = 0.95"));
        assertTrue(overlap.getMessage().contains("open-vocab.tiling.overlap"), overlap.getMessage());
        InvalidConfigException unknown = assertThrows(InvalidConfigException.class,
                () -> config("precision.tiling.slices = 4"));
        assertTrue(unknown.getMessage().contains("precision.tiling.slices"), unknown.getMessage());
    }
}
