package dev.autolabel.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Source;
import dev.autolabel.label.Status;
import dev.autolabel.manifest.MalformedRow;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.LocalBlobStore;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One batch of manifest rows through fetch, decode, both fixture models and the gap-fill merge. */
class ImageLabelerTest {

    private static final Color GREY = new Color(114, 114, 114);
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void labelsEachRowOnceInOrderWithGapFillAndFailedRows() throws Exception {
        Files.write(dir.resolve("red.png"), TestImages.canvas(200, 150, GREY).fill(20, 30, 80, 90, Color.RED).png());
        Files.write(dir.resolve("both.jpg"), TestImages.canvas(200, 150, GREY).fill(20, 30, 80, 90, Color.RED)
                .fill(120, 40, 180, 110, Color.YELLOW).jpeg(95));
        Files.writeString(dir.resolve("html.jpg"), "<html>oops</html>");
        List<ManifestRow> rows = List.of(
                entry("red", "red.png"),
                new MalformedRow(2, "not valid JSON"),
                entry("both", "both.jpg"),
                entry("missing", "missing.jpg"),
                entry("html", "html.jpg"));

        AutolabelConfig config = config();
        try (BlobStore store = new LocalBlobStore(1 << 20)) {
            PassDetectors passes = PassDetectorFactory.create(config, Optional.of(EmbeddingsLoader.load(store,
                    config.openVocab().orElseThrow())), new ModelLocator(store), config.execution());
            Provenance provenance = new Provenance("run-1", Map.of("precision", "p-hash"), config.labelingConfigHash(), 1);
            ImageLabeler labeler = new ImageLabeler(store, new ImageIoDecoder(config.image()), passes, provenance,
                    Clock.fixed(NOW, ZoneOffset.UTC));
            List<LabeledImage> out = labeler.label(rows);

            assertEquals(List.of("red", "malformed-line-2", "both", "missing", "html"),
                    out.stream().map(LabeledImage::imageId).toList(), "one row per input row, in order");
            assertEquals(ErrorCode.MALFORMED_MANIFEST_ROW, out.get(1).errorCode().orElseThrow());
            assertTrue(out.get(1).errorMessage().orElseThrow().contains("line 2"));
            assertEquals(ErrorCode.NOT_FOUND, out.get(3).errorCode().orElseThrow());
            assertEquals(ErrorCode.CORRUPT_IMAGE, out.get(4).errorCode().orElseThrow());
            assertEquals("cam-1", out.get(3).extra().get("camera"), "failed rows keep their extra fields");

            LabeledImage red = out.get(0);
            assertEquals(Status.OK, red.status());
            assertEquals(200, red.width());
            assertEquals(provenance, red.provenance());
            assertEquals(NOW, red.labeledAt());
            assertEquals(1, red.detections().size(), "pass-2 'red thing' is dropped where pass 1 has the red box");
            assertBox(red.detections().get(0), "red", Source.PRECISE, 20, 30, 80, 90);

            LabeledImage both = out.get(2);
            assertEquals(2, both.detections().size(), both.detections().toString());
            LabeledDetection yellow = both.detections().stream().filter(d -> d.label().equals("yellow")).findFirst().orElseThrow();
            assertBox(yellow, "yellow", Source.OPEN_VOCAB, 120, 40, 180, 110);
            assertEquals(Optional.of("yellow thing"), yellow.prompt(), "gap-filled label records its prompt");

            assertTrue(both.uncertainty() >= 0.399f, "a gap-filled label puts the image up for review: " + both.uncertainty());
            assertTrue(red.uncertainty() < both.uncertainty(), red.uncertainty() + " vs " + both.uncertainty());
            assertEquals(0f, out.get(3).uncertainty(), "FAILED rows are not scored");
        }
    }

    private AutolabelConfig config() {
        String text = String.format("""
                autolabel {
                  execution.batch-size = 2
                  precision { model = "%s", threshold = 0.6, class-thresholds { yellow = 1.0 } }
                  open-vocab { model = "%s", embeddings-file = "%s", threshold = 0.3,
                    prompts = [ { label = yellow, texts = ["yellow thing"] }, { label = red, texts = ["red thing"] } ] }
                }
                """, FixtureModels.yolo(), FixtureModels.openVocab(), FixtureModels.embeddingsFile());
        return ConfigLoader.fromConfig(ConfigFactory.parseString(text), Map.of());
    }

    private ManifestEntry entry(String id, String file) {
        return new ManifestEntry(id, dir.resolve(file).toString(), 1, Map.of("camera", "cam-1"));
    }

    private static void assertBox(LabeledDetection d, String label, Source source, int x1, int y1, int x2, int y2) {
        assertEquals(label, d.label());
        assertEquals(source, d.source());
        float tolerance = 200f / 64 * 2;
        assertTrue(Math.abs(d.box().x1() - x1) <= tolerance && Math.abs(d.box().y1() - y1) <= tolerance
                && Math.abs(d.box().x2() - x2) <= tolerance && Math.abs(d.box().y2() - y2) <= tolerance,
                label + " box " + d.box() + " vs (" + x1 + "," + y1 + ")-(" + x2 + "," + y2 + ")");
    }
}
