package dev.autolabel.spark.report;

import dev.autolabel.detect.Box;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Source;
import dev.autolabel.merge.QaFlags;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.output.ShardWriter;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two small runs written directly with {@link ShardWriter} (no Spark, no models), over real images on disk,
 * with known counts. Run A: 8 rows in 2 shards (5 labeled, 3 failed), a label that is an HTML injection attempt,
 * an image file name that is one too, and one labeled image deleted after the run. Run B: a different class mix,
 * for drift.
 */
final class ReportFixture {

    static final String EVIL_LABEL = "<script>alert(1)</script>";
    static final String EVIL_FILE = "e-\"><img src=x onerror=alert(2)>.png";
    static final Color GREY = new Color(114, 114, 114);
    private static final Instant AT = Instant.parse("2026-11-25T06:00:00Z");
    static final String RUN_JSON = """
            {"run_id": "%s", "manifest": "demo-data/manifest.jsonl", "started_at": "2026-11-25T06:00:00Z",
             "wall_seconds": 4.2, "images_per_second": 1.9, "images": 8, "shards": 2, "shards_reused": 0,
             "stage_seconds": {"fetch": 1.5, "decode": 0.5, "infer_pass1": 3.0, "infer_pass2": 2.0, "merge": 0.1, "write": 0.2},
             "config_hash": "cfg-hash", "model_hashes": {"precision": "aa11", "open-vocab": "bb22"},
             "spark": {"master": "local[2]", "executors": 1}}
            """;

    private final Path output;
    private final Path images;

    ReportFixture(Path dir) throws IOException {
        this.output = Files.createDirectories(dir.resolve("out"));
        this.images = Files.createDirectories(dir.resolve("images"));
    }

    Path output() {
        return output;
    }

    RunLayout runA() throws IOException {
        Provenance p = provenance("run-a");
        String a = image("a.png", TestImages.canvas(200, 150, GREY).fill(20, 30, 80, 90, Color.RED)
                .fill(120, 40, 180, 110, Color.YELLOW).png());
        String b = image("b.jpg", TestImages.canvas(320, 240, GREY).fill(10, 10, 60, 60, Color.RED)
                .fill(100, 100, 200, 180, Color.BLUE).jpeg(90));
        String c = image("c.png", TestImages.canvas(100, 100, GREY).png());
        String e = image(EVIL_FILE, TestImages.canvas(200, 150, GREY).fill(50, 50, 150, 120, Color.GREEN).png());
        String f = images.resolve("f-deleted-after-the-run.png").toString();
        List<LabeledImage> shard0 = List.of(
                ok("a", a, 200, 150, p, precise("red", 0.95f, 20, 30, 80, 90, QaFlags.CONFIRMED_BY_OPEN_VOCAB),
                        open("yellow", 0.40f, 120, 40, 180, 110)),
                ok("b", b, 320, 240, p, precise("red", 0.62f, 10, 10, 60, 60),
                        precise("car", 0.80f, 100, 100, 200, 180, QaFlags.CONFIRMED_BY_OPEN_VOCAB).withFineLabel("sedan")),
                ok("c", c, 100, 100, p),
                LabeledImage.failed("d", images.resolve("d.jpg").toString(), ErrorCode.NOT_FOUND, "no such file", p, AT, Map.of()));
        List<LabeledImage> shard1 = List.of(
                ok("e", e, 200, 150, p, precise(EVIL_LABEL, 0.70f, 50, 50, 150, 120, QaFlags.CONFIRMED_BY_OPEN_VOCAB)),
                ok("f", f, 200, 150, p, precise("red", 0.30f, 20, 30, 80, 90, QaFlags.CONFIRMED_BY_OPEN_VOCAB)),
                LabeledImage.failed("g", images.resolve("g.jpg").toString(), ErrorCode.CORRUPT_IMAGE, "not an image: <html>",
                        p, AT, Map.of()),
                LabeledImage.failed("h", images.resolve("h.jpg").toString(), ErrorCode.NOT_FOUND, "no such file", p, AT, Map.of()));
        return write("run-a", List.of(shard0, shard1), true);
    }

    /** The previous run: mostly "car" and "person", some red, no failures. */
    RunLayout runB() throws IOException {
        Provenance p = provenance("run-b");
        String a = image("b-a.png", TestImages.canvas(100, 100, GREY).png());
        List<LabeledImage> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(ok("b" + i, a, 100, 100, p, precise("car", 0.9f, 1, 1, 20, 20),
                    precise("person", 0.85f, 30, 30, 50, 50), open("red", 0.35f, 60, 60, 90, 90)));
        }
        return write("run-b", List.of(rows), true);
    }

    /** A run with rows but no run.json (one that stopped before the end). */
    RunLayout runWithoutSummary() throws IOException {
        Provenance p = provenance("run-c");
        return write("run-c", List.of(List.of(ok("x", "/nowhere/x.png", 10, 10, p))), false);
    }

    private RunLayout write(String runId, List<List<LabeledImage>> shards, boolean summary) throws IOException {
        RunLayout layout = new RunLayout(output.toString(), runId);
        Path dir = Files.createDirectories(output.resolve(runId));
        for (int s = 0; s < shards.size(); s++) {
            try (ShardWriter w = new ShardWriter(dir.resolve(String.format("part-%05d.parquet", s)))) {
                for (LabeledImage row : shards.get(s)) {
                    w.write(row);
                }
            }
        }
        if (summary) {
            Files.writeString(dir.resolve("run.json"), String.format(RUN_JSON, runId));
        }
        return layout;
    }

    private String image(String name, byte[] bytes) throws IOException {
        return Files.write(images.resolve(name), bytes).toString();
    }

    private static Provenance provenance(String runId) {
        return new Provenance(runId, Map.of("precision", "aa11", "open-vocab", "bb22"), "cfg-hash", 1);
    }

    private static LabeledImage ok(String id, String uri, int w, int h, Provenance p, LabeledDetection... detections) {
        return LabeledImage.ok(id, uri, w, h, List.of(detections), p, AT, Map.of());
    }

    static LabeledDetection precise(String label, float score, int x1, int y1, int x2, int y2, String... flags) {
        List<String> all = new ArrayList<>(List.of(QaFlags.SIZE_OK));
        all.addAll(List.of(flags));
        return new LabeledDetection(label, 0, score, new Box(x1, y1, x2, y2), Source.PRECISE, Optional.empty(),
                Optional.empty(), all);
    }

    static LabeledDetection open(String label, float score, int x1, int y1, int x2, int y2) {
        return new LabeledDetection(label, 0, score, new Box(x1, y1, x2, y2), Source.OPEN_VOCAB,
                Optional.of(label + " thing"), Optional.empty(), List.of(QaFlags.GAP_FILL));
    }
}
