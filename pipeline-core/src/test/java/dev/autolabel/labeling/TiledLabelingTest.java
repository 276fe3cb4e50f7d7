package dev.autolabel.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.config.PipelineSettings;
import dev.autolabel.detect.Box;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Status;
import dev.autolabel.labeling.InferenceCounts.Pass;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.merge.QaFlags;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tiled inference through the labeling pipeline, on the colour-blob fixture models (64x64 input, so tiles of 0 =
 * 64 pixels, here overlapping by a quarter: 16 pixels): an object across tile borders is one label with its exact
 * box, an object larger than a tile is one label, tiles of several images share the models' batches.
 */
class TiledLabelingTest {

    private static final Color GREY = new Color(114, 114, 114);
    private static final Instant NOW = Instant.parse("2026-12-04T06:00:00Z");
    /** Red crosses three tile columns and two tile rows; no tile holds it whole. */
    private static final Box RED = new Box(30, 20, 90, 50);
    /** Green is larger than a tile: every tile sees a part of it. */
    private static final Box GREEN = new Box(150, 30, 290, 150);
    /** Blue lies whole in one tile, cut by the edges of its neighbours. */
    private static final Box BLUE = new Box(100, 100, 120, 120);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "include-full-image = {0}")
    @ValueSource(booleans = {false, true})
    void eachObjectIsOneLabelHoweverTheTilesCutIt(boolean includeFullImage) throws Exception {
        Path image = dir.resolve("scene.png");
        Files.write(image, TestImages.canvas(320, 160, GREY).fill(30, 20, 90, 50, Color.RED)
                .fill(150, 30, 290, 150, Color.GREEN).fill(100, 100, 120, 120, Color.BLUE).png());
        AutolabelConfig config = config("precision.tiling { enabled = true, overlap = 0.25, include-full-image = "
                + includeFullImage + " }", 4);
        LabeledImage row = label(config, List.of(entry("scene", image))).get(0);

        assertEquals(Status.OK, row.status(), row.toString());
        assertEquals(List.of("blue", "green", "red"), row.detections().stream().map(LabeledDetection::label).sorted().toList(),
                "one label per object: " + row.detections());
        assertWithin(2, RED, labelled(row, "red").box(), "red, joined from its pieces at native resolution");
        assertTrue(labelled(row, "red").tile().isPresent(), "red was found on tiles");
        assertWithin(2, BLUE, labelled(row, "blue").box(), "blue, from the tile that holds it whole");
        // The whole image reaches the 64-pixel input at 1/5 scale: one input pixel is 5 image pixels.
        assertWithin(includeFullImage ? 5 : 2, GREEN, labelled(row, "green").box(),
                includeFullImage ? "green, from the whole image" : "green, joined from its pieces");
        assertEquals(includeFullImage, labelled(row, "green").tile().isEmpty(), "green's view");
    }

    @Test
    void theFlipCheckRunsOnMirroredTiles() throws Exception {
        Path image = dir.resolve("red.png");
        Files.write(image, TestImages.canvas(320, 160, GREY).fill(30, 20, 90, 50, Color.RED).png());
        AutolabelConfig config = config("""
                precision.tiling { enabled = true, overlap = 0.25, include-full-image = false }
                precision.qa.flip-consistency = true""", 4);
        LabeledImage row = label(config, List.of(entry("red", image))).get(0);
        LabeledDetection red = labelled(row, "red");
        assertWithin(2, RED, red.box(), "the mirrored tiles, mapped back, confirm the joined box");
        assertTrue(red.qaFlags().contains(QaFlags.FLIP_CONSISTENT), red.qaFlags().toString());
    }

    @Test
    void tilesOfSeveralImagesShareTheModelsBatches() throws Exception {
        List<ManifestRow> rows = new ArrayList<>();
        Color[] colours = {Color.RED, Color.BLUE, Color.YELLOW};
        for (int i = 0; i < colours.length; i++) {
            Path image = dir.resolve("img-" + i + ".png");
            Files.write(image, TestImages.canvas(160, 120, GREY).fill(40 + 5 * i, 30, 100, 70, colours[i]).png());
            rows.add(entry("img-" + i, image));
        }
        // Both passes tile alike, so both read the same views: 3x3 tiles and the whole image = 10 views an image.
        AutolabelConfig config = config("""
                precision.tiling { enabled = true, overlap = 0.25 }
                open-vocab { enabled = true, model = "%s", embeddings-file = "%s", threshold = 0.3,
                  prompts = [ { label = yellow, texts = ["yellow thing"] } ], tiling { enabled = true, overlap = 0.25 } }
                """.formatted(FixtureModels.openVocab(), FixtureModels.embeddingsFile()), 8);
        try (BlobStore store = new LocalBlobStore(1 << 20)) {
            LabelingPipeline pipeline = pipeline(store, config);
            List<LabeledImage> out = new ArrayList<>();
            pipeline.run(rows.iterator(), out::add);

            InferenceCounts counts = pipeline.inferenceCounts();
            assertEquals(3, counts.tiledImages());
            for (Pass pass : Pass.values()) {
                assertEquals(3, counts.fullViews(pass));
                assertEquals(27, counts.tiles(pass));
                // 30 views in runs of 8: three full runs mix images (10 views each), then the 6 left over.
                assertEquals(Map.of(8, 3L, 6, 1L), counts.batchSizes(pass), pass + " batch sizes the model saw");
            }
            List<String> expected = List.of("red", "blue", "yellow");
            for (int i = 0; i < 3; i++) {
                assertEquals(List.of(expected.get(i)), out.get(i).detections().stream().map(LabeledDetection::label).toList(),
                        "one label per image, in order: " + out.get(i));
            }
            assertEquals(List.of(new Box(40, 30, 100, 70), new Box(45, 30, 100, 70), new Box(50, 30, 100, 70)),
                    out.stream().map(r -> r.detections().get(0).box()).toList(), "each image's own boxes, exact");
        }
    }

    private List<LabeledImage> label(AutolabelConfig config, List<ManifestRow> rows) throws Exception {
        try (BlobStore store = new LocalBlobStore(1 << 20)) {
            List<LabeledImage> out = new ArrayList<>();
            pipeline(store, config).run(rows.iterator(), out::add);
            return out;
        }
    }

    private static LabelingPipeline pipeline(BlobStore store, AutolabelConfig config) {
        PassDetectors passes = PassDetectorFactory.create(config,
                config.openVocab().map(ov -> EmbeddingsLoader.load(store, ov)), new ModelLocator(store), config.execution());
        return new LabelingPipeline(store, new ImageIoDecoder(config.image()), passes,
                new Provenance("run-1", Map.of(), config.labelingConfigHash(), 3), Clock.fixed(NOW, ZoneOffset.UTC),
                new PipelineSettings(4, 2, 4));
    }

    private static AutolabelConfig config(String extra, int batchSize) {
        String text = String.format("""
                autolabel {
                  execution.batch-size = %d
                  precision { model = "%s", threshold = 0.5 }
                  open-vocab.enabled = false
                  %s
                }
                """, batchSize, FixtureModels.yolo(), extra);
        return ConfigLoader.fromConfig(ConfigFactory.parseString(text), Map.of());
    }

    private static LabeledDetection labelled(LabeledImage row, String label) {
        List<LabeledDetection> found = row.detections().stream().filter(d -> d.label().equals(label)).toList();
        assertEquals(1, found.size(), "exactly one " + label + " label: " + row.detections());
        return found.get(0);
    }

    private static void assertWithin(float pixels, Box expected, Box actual, String what) {
        float worst = Math.max(Math.max(Math.abs(expected.x1() - actual.x1()), Math.abs(expected.y1() - actual.y1())),
                Math.max(Math.abs(expected.x2() - actual.x2()), Math.abs(expected.y2() - actual.y2())));
        assertTrue(worst <= pixels, what + ": " + actual + " is " + worst + " px from " + expected);
    }

    private static ManifestEntry entry(String id, Path file) {
        return new ManifestEntry(id, file.toString(), 1, Map.of());
    }
}
