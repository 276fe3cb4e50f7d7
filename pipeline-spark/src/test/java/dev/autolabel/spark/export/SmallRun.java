package dev.autolabel.spark.export;

import dev.autolabel.detect.Box;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Source;
import dev.autolabel.spark.output.ShardWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small run written with {@link ShardWriter} directly (no Spark, no models) with known labels: two shards, a
 * FAILED row, an image without labels, a box reaching past the image edge, a duplicate id and an id that is not a
 * safe file name. Uncertainties are distinct so the review order is known: e 0.9, a 0.7, d 0.25, b 0.2, f 0.
 */
final class SmallRun {

    static final String RUN_ID = "r1";
    private static final Provenance P = new Provenance(RUN_ID, Map.of("precision", "aa"), "cfg", LabeledImage.SCHEMA_VERSION);
    private static final Instant AT = Instant.parse("2026-11-25T06:00:00Z");

    static LabeledDetection precise(String label, float score, float x1, float y1, float x2, float y2) {
        return new LabeledDetection(label, 0, score, new Box(x1, y1, x2, y2), Source.PRECISE, Optional.empty(),
                Optional.empty(), List.of("size_ok"));
    }

    static LabeledDetection open(String label, float score, float x1, float y1, float x2, float y2) {
        return new LabeledDetection(label, 1, score, new Box(x1, y1, x2, y2), Source.OPEN_VOCAB, Optional.of("a " + label),
                Optional.empty(), List.of("gap_fill"));
    }

    static LabeledImage ok(String id, int w, int h, float uncertainty, LabeledDetection... detections) {
        return LabeledImage.ok(id, "s3://photos/" + id + ".jpg", w, h, List.of(detections), P, AT, Map.of()).withUncertainty(uncertainty);
    }

    static final List<LabeledImage> SHARD_0 = List.of(
            ok("a", 640, 480, 0.7f, precise("car", 0.91f, 10, 20, 110, 220), open("ball", 0.4f, 300, 100, 340, 140)),
            ok("b", 200, 100, 0.2f, precise("car", 0.8f, 0, 0, 50, 50), precise("car", 0.65f, 150, 50, 260, 120)),
            LabeledImage.failed("c", "s3://photos/c.jpg", ErrorCode.CORRUPT_IMAGE, "not an image", P, AT, Map.of()));
    static final List<LabeledImage> SHARD_1 = List.of(
            ok("d", 100, 100, 0.25f),
            ok("cam 1/e.jpg", 300, 300, 0.9f, precise("bike", 0.95f, 30, 30, 90, 120), open("person", 0.3f, 150, 0, 210, 280)),
            ok("a", 50, 40, 0f, precise("car", 0.99f, 5, 5, 45, 35)));

    private SmallRun() {
    }

    /** Writes the run under {@code output}; returns the run folder. */
    static Path write(Path output) throws IOException {
        Path run = Files.createDirectories(output.resolve(RUN_ID));
        write(run.resolve("part-00000.parquet"), SHARD_0);
        write(run.resolve("part-00001.parquet"), SHARD_1);
        return run;
    }

    private static void write(Path file, List<LabeledImage> rows) throws IOException {
        try (ShardWriter w = new ShardWriter(file)) {
            for (LabeledImage row : rows) {
                w.write(row);
            }
        }
    }
}
