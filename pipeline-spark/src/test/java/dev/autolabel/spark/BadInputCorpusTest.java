package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Status;
import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.job.RunRequest;
import dev.autolabel.spark.job.RunStatus;
import dev.autolabel.spark.job.RunSummary;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.storage.S3BlobStore;
import dev.autolabel.storage.StorageSettings;
import dev.autolabel.testing.FaultPlan;
import dev.autolabel.testing.FaultProxy;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.storage.LoopbackS3Server;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad inputs a nightly run meets, generated here and labeled end to end on local[2] from S3 (through a
 * {@link FaultProxy} that refuses one key with 403): each gives its documented row (labeled, or FAILED with its
 * error code), nothing is lost, duplicate ids stay as separate rows, and the run itself completes. An empty
 * manifest completes with no shards.
 */
class BadInputCorpusTest {

    private static final int W = 200;
    private static final int H = 150;
    private static final TestImages.Canvas SCENE = TestImages.canvas(W, H, new Color(114, 114, 114))
            .fill(20, 30, 80, 100, Color.RED);

    /** What a manifest row should become: OK with this size (and a red box when {@code red}), or FAILED with a code. */
    private record Expect(Optional<ErrorCode> code, int width, int height, boolean red) {
        static Expect ok(int w, int h, boolean red) {
            return new Expect(Optional.empty(), w, h, red);
        }

        static Expect failed(ErrorCode code) {
            return new Expect(Optional.of(code), 0, 0, false);
        }
    }

    private static LoopbackS3Server s3;
    private static JavaSparkContext spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        s3 = LoopbackS3Server.start();
        s3.createBucket("corpus");
        s3.createBucket("labels");
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("bad-inputs")
                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
        s3.close();
    }

    @Test
    void everyBadInputGivesItsDocumentedRowAndTheRunCompletes() throws Exception {
        Map<String, Expect> expected = new LinkedHashMap<>();
        Map<String, byte[]> objects = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        byte[] jpeg = SCENE.jpeg(95);
        s3Row(lines, objects, expected, "truncated-jpeg", "bad/truncated.jpg", TestImages.truncated(jpeg, jpeg.length / 2),
                Expect.failed(ErrorCode.CORRUPT_IMAGE));
        s3Row(lines, objects, expected, "zero-bytes", "bad/empty.jpg", new byte[0], Expect.failed(ErrorCode.EMPTY_OBJECT));
        s3Row(lines, objects, expected, "html-as-jpg", "bad/error-page.jpg", TestImages.htmlErrorPage(),
                Expect.failed(ErrorCode.CORRUPT_IMAGE));
        s3Row(lines, objects, expected, "png-bomb", "bad/bomb.png", TestImages.bombPng(100_000, 100_000),
                Expect.failed(ErrorCode.DECOMPRESSION_BOMB));
        s3Row(lines, objects, expected, "webp", "bad/photo.webp", TestImages.webpHeader(),
                Expect.failed(ErrorCode.UNSUPPORTED_FORMAT));
        s3Row(lines, objects, expected, "two-channel-jpeg", "bad/two-channel.jpg", TestImages.rawJpeg(16, 16, 2, 100),
                Expect.failed(ErrorCode.UNSUPPORTED_FORMAT));
        byte[] huge = new byte[3 << 20];
        new Random(1).nextBytes(huge);
        s3Row(lines, objects, expected, "too-large", "bad/huge.jpg", huge, Expect.failed(ErrorCode.TOO_LARGE));
        s3Row(lines, objects, expected, "denied", "bad/secret.jpg", jpeg, Expect.failed(ErrorCode.ACCESS_DENIED));
        row(lines, expected, "missing", "s3://corpus/bad/not-there.jpg", Expect.failed(ErrorCode.NOT_FOUND));
        row(lines, expected, "bad-scheme", "ftp://example.org/a.jpg", Expect.failed(ErrorCode.INVALID_URI));

        s3Row(lines, objects, expected, "cmyk-jpeg", "odd/cmyk.jpg", TestImages.rawJpeg(W, H, 4, 100), Expect.ok(W, H, false));
        s3Row(lines, objects, expected, "grey-png", "odd/grey.png", SCENE.greyPng(), Expect.ok(W, H, false));
        s3Row(lines, objects, expected, "grey16-png", "odd/grey16.png", SCENE.grey16Png(), Expect.ok(W, H, false));
        s3Row(lines, objects, expected, "rgb16-png", "odd/rgb16.png", SCENE.rgb16Png(), Expect.ok(W, H, true));
        s3Row(lines, objects, expected, "gif", "odd/scene.gif", SCENE.gif(), Expect.ok(W, H, true));
        s3Row(lines, objects, expected, "tiff", "odd/scene.tiff", SCENE.tiff(), Expect.ok(W, H, true));
        s3Row(lines, objects, expected, "key-with-spaces", "odd/a key with spaces.jpg", jpeg, Expect.ok(W, H, true));
        s3Row(lines, objects, expected, "non-ascii-key", "odd/ünïcødé 日本語 ü.png", SCENE.png(), Expect.ok(W, H, true));
        Path local = Files.write(Files.createDirectories(tmp.resolve("local dir ä")).resolve("bild ö.jpg"), jpeg);
        row(lines, expected, "local-non-ascii-path", local.toString(), Expect.ok(W, H, true));

        lines.add("{\"id\": \"broken\", \"uri\": ");
        expected.put("malformed-line-" + lines.size(), Expect.failed(ErrorCode.MALFORMED_MANIFEST_ROW));
        objects.put("odd/dup-a.png", SCENE.png());
        objects.put("odd/dup-b.jpg", jpeg);
        lines.add(line("dup", "s3://corpus/odd/dup-a.png"));
        lines.add(line("dup", "s3://corpus/odd/dup-b.jpg"));

        try (S3BlobStore store = direct()) {
            for (Map.Entry<String, byte[]> o : objects.entrySet()) {
                store.write("s3://corpus/" + o.getKey(), o.getValue());
            }
            store.write("s3://corpus/manifest.jsonl", (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        FaultPlan plan = FaultPlan.clean(1).denying("corpus/bad/secret.jpg");
        try (FaultProxy proxy = FaultProxy.start(s3.endpoint(), plan)) {
            RunSummary summary = run(proxy, "s3://corpus/manifest.jsonl", "corpus");
            assertEquals(RunStatus.COMPLETED, summary.status());
            assertEquals(lines.size(), summary.images());
            assertTrue(proxy.injected().get(FaultProxy.Fault.ACCESS_DENIED) >= 1, proxy.describe());
        }

        List<String> ids = new ArrayList<>(expected.keySet());
        ids.add("dup");
        ids.add("dup");
        RowCensus census;
        try (S3BlobStore store = direct()) {
            census = RowCensus.of(ids, RowCensus.read(store, new RunLayout("s3://labels/runs", "corpus")));
        }
        census.print("bad-input corpus");
        census.assertExactlyOnce();
        expected.forEach((id, expect) -> check(census.only(id), expect));
        List<LabeledImage> dups = census.byId().get("dup");
        assertEquals(2, dups.size(), "duplicate ids are kept, one row per manifest row");
        assertEquals(List.of("s3://corpus/odd/dup-a.png", "s3://corpus/odd/dup-b.jpg"),
                dups.stream().map(LabeledImage::uri).sorted().toList());
        dups.forEach(d -> check(d, Expect.ok(W, H, true)));
    }

    @Test
    void anEmptyManifestCompletesWithNoShards() throws Exception {
        try (S3BlobStore store = direct()) {
            store.write("s3://corpus/empty.jsonl", new byte[0]);
            try (FaultProxy proxy = FaultProxy.start(s3.endpoint(), FaultPlan.clean(1))) {
                RunSummary summary = run(proxy, "s3://corpus/empty.jsonl", "empty");
                assertEquals(RunStatus.COMPLETED, summary.status());
                assertEquals(0, summary.shardCount());
            }
            RunLayout layout = new RunLayout("s3://labels/runs", "empty");
            JsonNode runJson;
            try (var in = store.open(layout.runSummaryUri())) {
                runJson = new ObjectMapper().readTree(in);
            }
            assertEquals(0, runJson.get("images").asInt());
            assertEquals(0, runJson.get("shards").asInt());
            assertEquals("COMPLETED", runJson.get("status").asText());
            try (RunReader reader = new RunReader(store, layout)) {
                assertTrue(!reader.hasNext(), "no rows");
            }
        }
    }

    private static void check(LabeledImage row, Expect expect) {
        String what = row.imageId() + " (" + row.uri() + "): " + row.errorMessage().orElse("OK");
        assertEquals(expect.code(), row.errorCode(), what);
        if (expect.code().isPresent()) {
            assertEquals(Status.FAILED, row.status(), what);
            return;
        }
        assertEquals(expect.width(), row.width(), what);
        assertEquals(expect.height(), row.height(), what);
        if (expect.red()) {
            assertTrue(row.detections().stream().map(LabeledDetection::label).anyMatch("red"::equals), what + " " + row.detections());
        }
    }

    private RunSummary run(FaultProxy proxy, String manifest, String runId) throws IOException {
        String extra = "  storage { max-object-bytes = 2M, s3 { endpoint = \"" + proxy.endpoint() + "\", path-style = true,"
                + " access-key-id = \"" + s3.accessKey() + "\", secret-access-key = \"" + s3.secretKey() + "\" } }";
        Path config = Files.writeString(tmp.resolve(runId + ".conf"), LabelingScenario.config(manifest, "s3://labels/runs",
                FixtureModels.yolo().toString(), FixtureModels.openVocab().toString(),
                FixtureModels.embeddingsFile().toString(), 4, extra));
        return new LabelingJob(spark, System.out).run(new RunRequest(config, Map.of("run.id", runId)));
    }

    private static void s3Row(List<String> lines, Map<String, byte[]> objects, Map<String, Expect> expected, String id,
            String key, byte[] bytes, Expect expect) {
        objects.put(key, bytes);
        row(lines, expected, id, "s3://corpus/" + key, expect);
    }

    private static void row(List<String> lines, Map<String, Expect> expected, String id, String uri, Expect expect) {
        lines.add(line(id, uri));
        expected.put(id, expect);
    }

    private static String line(String id, String uri) {
        return "{\"id\": \"" + id + "\", \"uri\": \"" + uri.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static S3BlobStore direct() {
        return S3BlobStore.create(new StorageSettings(64 << 20, s3.settings()));
    }
}
