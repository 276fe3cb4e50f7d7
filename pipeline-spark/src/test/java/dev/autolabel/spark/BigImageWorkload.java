package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Status;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A run slow enough to interrupt: many manifest rows over a few large JPEGs (decoding and resizing a
 * 2000x1500 image takes far longer than the fixture models' inference), one image per batch, small shards.
 * Every image has a red rectangle, so every row must come out labeled with a red box.
 */
final class BigImageWorkload {

    static final int WIDTH = 2000;
    static final int HEIGHT = 1500;

    private final Path manifest;
    private final List<String> ids = new ArrayList<>();

    BigImageWorkload(Path dir, int rows, int distinctImages) throws IOException {
        Files.createDirectories(dir);
        List<Path> images = new ArrayList<>();
        for (int k = 0; k < distinctImages; k++) {
            int dx = 100 * k;
            byte[] jpeg = TestImages.canvas(WIDTH, HEIGHT, new Color(114, 114, 114))
                    .fill(300 + dx, 400, 1300 + dx, 1400, Color.RED).jpeg(90);
            images.add(Files.write(dir.resolve("big-" + k + ".jpg"), jpeg));
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            String id = String.format("big-row-%04d", i);
            ids.add(id);
            lines.append(String.format("{\"id\": \"%s\", \"uri\": \"%s\"}%n", id, images.get(i % distinctImages)));
        }
        manifest = Files.writeString(dir.resolve("manifest.jsonl"), lines);
    }

    List<String> ids() {
        return ids;
    }

    /**
     * A run config for this workload writing under {@code output}. Decoded at full size (no DCT scaling down to the
     * fixture models' 64-pixel inputs, which would make a shard take milliseconds): the kill tests need shards that
     * are still running when the kill lands.
     */
    Path config(Path file, Path output, int imagesPerShard) throws IOException {
        return Files.writeString(file, LabelingScenario.config(manifest.toString(), output.toString(),
                FixtureModels.yolo().toString(), FixtureModels.openVocab().toString(),
                FixtureModels.embeddingsFile().toString(), imagesPerShard,
                "  execution.batch-size = 1\n  image.dct-scaling = false"));
    }

    /** Every manifest row exactly once, labeled, full size, with its red box. */
    void verify(RowCensus census) {
        census.assertExactlyOnce();
        for (String id : ids) {
            LabeledImage row = census.only(id);
            assertEquals(Status.OK, row.status(), id + ": " + row.errorMessage());
            assertEquals(WIDTH, row.width(), id);
            assertTrue(row.detections().stream().anyMatch(d -> d.label().equals("red")), id + ": " + row.detections());
        }
    }
}
