package dev.autolabel.spark;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Source;
import dev.autolabel.merge.QaFlags;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.output.ShardWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A run of any size written straight with {@link ShardWriter} (no Spark, no models, no images), from a seed: the
 * same seed writes the same rows. Rows mix everything reports and exports must handle: FAILED rows of several codes,
 * images without labels, both sources with prompts, fine labels and agreement flags, a long tail of labels, boxes
 * past the image edge, scores and uncertainties on a coarse grid (so many ties), and repeated image ids (so ties on
 * id too).
 */
public final class SyntheticRun {

    private static final Instant AT = Instant.parse("2026-11-25T06:00:00Z");
    private static final ErrorCode[] CODES = {ErrorCode.NOT_FOUND, ErrorCode.CORRUPT_IMAGE, ErrorCode.TIMEOUT,
        ErrorCode.ACCESS_DENIED};

    private final String runId;
    private final int shards;
    private final int rowsPerShard;
    private final int labels;
    private final long seed;

    /** {@code labels}: the vocabulary (a long tail: label k is about k times rarer than label 0). */
    public SyntheticRun(String runId, int shards, int rowsPerShard, int labels, long seed) {
        this.runId = requireNonNull(runId, "runId");
        this.shards = shards;
        this.rowsPerShard = rowsPerShard;
        this.labels = labels;
        this.seed = seed;
    }

    /** Writes the shards under {@code output/runId}, named as a run names them; returns the run's layout. */
    public RunLayout write(Path output) throws IOException {
        Files.createDirectories(output.resolve(runId));
        RunLayout layout = new RunLayout(output.toString(), runId);
        for (int s = 0; s < shards; s++) {
            try (ShardWriter w = new ShardWriter(Path.of(layout.shardUri(s)))) {
                for (LabeledImage row : shard(s)) {
                    w.write(row);
                }
            }
        }
        return layout;
    }

    /** The rows of shard {@code s}, the same on every call. */
    public List<LabeledImage> shard(int s) {
        Random random = new Random(seed * 1_000_003L + s);
        Provenance p = new Provenance(runId, Map.of("precision", "aa11", "open-vocab", "bb22"), "cfg-hash",
                LabeledImage.SCHEMA_VERSION);
        List<LabeledImage> rows = new ArrayList<>(rowsPerShard);
        for (int i = 0; i < rowsPerShard; i++) {
            long index = (long) s * rowsPerShard + i;
            // Every 50th row repeats the id of a row from an earlier shard (or its own shard's first).
            long idOf = index % 50 == 49 ? random.nextInt((int) Math.min(index, Integer.MAX_VALUE)) : index;
            String id = String.format("img-%08d", idOf);
            String uri = "s3://bucket/images/cam-" + (idOf % 7) + "/" + id + ".jpg";
            Map<String, String> extra = index % 3 == 0 ? Map.of("camera", "cam-" + (idOf % 7)) : Map.of();
            if (random.nextInt(100) < 3) {
                ErrorCode code = CODES[random.nextInt(CODES.length)];
                rows.add(LabeledImage.failed(id, uri, code, "synthetic " + code.name().toLowerCase(), p, AT, extra));
                continue;
            }
            int w = 200 + random.nextInt(800);
            int h = 200 + random.nextInt(800);
            List<LabeledDetection> detections = new ArrayList<>();
            int n = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(6);
            for (int k = 0; k < n; k++) {
                detections.add(detection(random, w, h));
            }
            LabeledImage row = LabeledImage.ok(id, uri, w, h, detections, p, AT.plusSeconds(index), extra)
                    .withUncertainty(random.nextInt(21) / 20f);
            rows.add(index % 4 == 0 ? row.withFingerprint("etag-" + idOf) : row);
        }
        return rows;
    }

    private LabeledDetection detection(Random random, int w, int h) {
        String label = "label-" + longTail(random);
        float score = (5 + random.nextInt(16)) / 20f; // 0.25 .. 1.0 in steps of 0.05: many ties
        float x1 = random.nextInt(w);
        float y1 = random.nextInt(h);
        // Some boxes reach past the right or bottom edge (exports clip them).
        Box box = new Box(x1, y1, x1 + 1 + random.nextInt(w / 2 + 40), y1 + 1 + random.nextInt(h / 2 + 40));
        boolean open = random.nextInt(10) < 3;
        List<String> flags = new ArrayList<>(List.of(QaFlags.SIZE_OK));
        if (open) {
            flags.add(QaFlags.GAP_FILL);
            return new LabeledDetection(label, 1, score, box, Source.OPEN_VOCAB, Optional.of("a " + label),
                    Optional.empty(), flags);
        }
        if (random.nextBoolean()) {
            flags.add(QaFlags.CONFIRMED_BY_OPEN_VOCAB);
        }
        Optional<String> fine = random.nextInt(20) == 0 ? Optional.of("fine-" + label) : Optional.empty();
        return new LabeledDetection(label, 0, score, box, Source.PRECISE, Optional.empty(), fine, flags);
    }

    /** Label index with P(k) roughly proportional to 1 / (k + 1). */
    private int longTail(Random random) {
        double u = random.nextDouble();
        return Math.min(labels - 1, (int) Math.floor(Math.pow(labels + 1, u)) - 1);
    }
}
