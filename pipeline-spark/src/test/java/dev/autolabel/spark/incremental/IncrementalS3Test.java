package dev.autolabel.spark.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.spark.LabelingScenario;
import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.job.RunRequest;
import dev.autolabel.spark.job.RunSummary;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import dev.autolabel.storage.LoopbackS3Server;
import dev.autolabel.storage.StorageSettings;
import dev.autolabel.testing.FaultPlan;
import dev.autolabel.testing.FaultProxy;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An incremental run over images on a real S3-compatible server, every request counted by a proxy in front of it:
 * with 1% of the images replaced and the manifest shuffled, the run labels exactly the replaced images, sends no
 * HEAD for any image (fingerprints come from a few listing requests of 1,000 keys), and writes
 * every row once in the new manifest's order.
 */
class IncrementalS3Test {

    private static final int IMAGES = 400;
    private static LoopbackS3Server s3;
    private static FaultProxy proxy;
    private static JavaSparkContext spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        s3 = LoopbackS3Server.start();
        s3.createBucket("data");
        proxy = FaultProxy.start(s3.endpoint(), FaultPlan.clean(7), Duration.ofMinutes(20));
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("incremental-s3")
                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        spark.close();
        proxy.close();
        s3.close();
    }

    @Test
    void onePercentReplacedAndTheManifestShuffledLabelsExactlyTheReplacedImagesWithoutHeads() throws Exception {
        List<String> ids = new ArrayList<>();
        try (S3Client client = s3.newClient()) {
            for (int i = 0; i < IMAGES; i++) {
                ids.add(String.format("img-%04d", i));
                put(client, key(i), image(i, Color.RED));
            }
            put(client, "manifests/base.jsonl", manifest(ids));
        }
        RunSummary base = run("base", "s3://data/manifests/base.jsonl", Optional.empty());
        assertEquals(IMAGES, base.rowsLabeled());

        Set<String> replaced = new TreeSet<>();
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(11));
        try (S3Client client = s3.newClient()) {
            for (int i = 17; i < IMAGES; i += IMAGES / 4) { // 4 images of 400: 1%
                put(client, key(i), image(i, Color.BLUE));
                replaced.add(ids.get(i));
            }
            put(client, "manifests/nightly.jsonl", manifest(shuffled));
        }
        proxy.clearLog();
        RunSummary nightly = run("nightly", "s3://data/manifests/nightly.jsonl", Optional.of("base"));

        List<LabeledImage> rows = rows("nightly");
        assertEquals(shuffled, rows.stream().map(LabeledImage::imageId).toList(), "every row once, in today's order");
        assertEquals(replaced, rows.stream().filter(r -> r.provenance().runId().equals("nightly"))
                .map(LabeledImage::imageId).collect(Collectors.toCollection(TreeSet::new)), "exactly the replaced images");
        assertEquals(replaced.size(), nightly.rowsLabeled());
        assertEquals(IMAGES - replaced.size(), nightly.rowsFromParent());
        long heads = proxy.requests(r -> r.startsWith("HEAD /data/img/"));
        long reads = proxy.requests(r -> r.startsWith("GET /data/img/"));
        long listings = proxy.requests(r -> r.startsWith("GET /data?") || r.startsWith("GET /data/?"));
        System.out.printf("[incremental-s3] %d rows, %d replaced: %d HEAD and %d GET of images, %d listing requests%n",
                IMAGES, replaced.size(), heads, reads, listings);
        assertEquals(0, heads, "no HEAD per image");
        for (String id : replaced) {
            String target = "GET /data/" + key(Integer.parseInt(id.substring(4)));
            assertTrue(proxy.requests(target::equals) >= 1, id + " was read to be labeled");
        }
        // Besides the replaced images, only the run report's gallery reads a few images (for thumbnails).
        assertTrue(reads - replaced.size() <= 2 * replaced.size() + 8, "images read: " + reads);
        assertTrue(listings >= 1 && listings <= 4, "fingerprints of 400 keys from a few listings: " + listings);
    }

    private RunSummary run(String runId, String manifest, Optional<String> since) throws IOException {
        String storage = "storage.s3 { endpoint = \"" + proxy.endpoint() + "\", path-style = true, access-key-id = \""
                + s3.accessKey() + "\", secret-access-key = \"" + s3.secretKey() + "\" }";
        Path config = Files.writeString(tmp.resolve(runId + ".conf"), LabelingScenario.config(manifest,
                tmp.resolve("out").toString(), FixtureModels.yolo().toString(), FixtureModels.openVocab().toString(),
                FixtureModels.embeddingsFile().toString(), 50, storage + "\nexecution.batch-size = 16"));
        Map<String, String> overrides = new java.util.HashMap<>(Map.of("run.id", runId));
        since.ifPresent(s -> overrides.put("run.since", s));
        return new LabelingJob(spark, new PrintStream(PrintStream.nullOutputStream())).run(new RunRequest(config, overrides));
    }

    private List<LabeledImage> rows(String runId) throws IOException {
        List<LabeledImage> rows = new ArrayList<>();
        try (BlobStore store = BlobStores.create(new StorageSettings(1 << 20, s3.settings()));
                RunReader reader = new RunReader(store, new RunLayout(tmp.resolve("out").toString(), runId))) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static byte[] manifest(List<String> ids) {
        StringBuilder b = new StringBuilder();
        for (String id : ids) {
            int i = Integer.parseInt(id.substring(4));
            b.append("{\"id\": \"").append(id).append("\", \"uri\": \"s3://data/").append(key(i)).append("\"}\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String key(int i) {
        return String.format("img/%04d.jpg", i);
    }

    private static byte[] image(int i, Color color) {
        int dx = i % 23;
        return TestImages.canvas(64, 48, Color.GRAY).fill(4 + dx, 6, 30 + dx, 36, color).jpeg(90);
    }

    private static void put(S3Client client, String key, byte[] bytes) {
        client.putObject(b -> b.bucket("data").key(key), RequestBody.fromBytes(bytes));
    }
}
