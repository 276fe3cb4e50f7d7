package dev.autolabel.spark.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autolabel.spark.LabelingScenario;
import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunRequest;
import dev.autolabel.spark.job.RunSummary;
import dev.autolabel.storage.LoopbackS3Server;
import dev.autolabel.testing.FaultPlan;
import dev.autolabel.testing.FaultProxy;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Benchmark, not part of the test suite (run it with {@code -Dtest=IncrementalScaleBench}; rows from
 * {@code -Dautolabel.scale.rows}, default 1,000,000, over {@code -Dautolabel.scale.objects} small images on the
 * loopback S3 server, default 100,000): a full run, then 1% of the images (so 1% of the rows) replaced, the manifest
 * shuffled, and an incremental run. Prints both wall times and
 * their ratio, and the requests the incremental run sent (counted by a proxy in front of the server); checks that
 * exactly the replaced images were labeled again, that every row is there once, and that no image got a HEAD.
 */
class IncrementalScaleBench {

    private static final int DISTINCT_IMAGES = 300;

    @TempDir
    Path scratch;

    /** Where the runs go: {@code -Dautolabel.scale.out} keeps them for other readers (DuckDB), else a temp folder. */
    private Path tmp;

    @Test
    void aNightlyRunOverAMillionRowsWithOnePercentChanged() throws Exception {
        int rows = Integer.getInteger("autolabel.scale.rows", 1_000_000);
        int perShard = Integer.getInteger("autolabel.scale.per-shard", 50_000);
        // The in-memory test server holds about 100,000 small objects in 4 GB, not a million: rows cycle over them.
        int objects = Math.min(rows, Integer.getInteger("autolabel.scale.objects", 100_000));
        tmp = Files.createDirectories(Path.of(System.getProperty("autolabel.scale.out", scratch.toString())));
        try (LoopbackS3Server s3 = LoopbackS3Server.start(Path.of(System.getProperty(LoopbackS3Server.JAR_PROPERTY)), "4g");
                FaultProxy proxy = FaultProxy.start(s3.endpoint(), FaultPlan.clean(3), Duration.ofHours(3));
                JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster("local[2]")
                        .setAppName("incremental-scale").set("spark.ui.enabled", "false"))) {
            spark.setLogLevel("WARN");
            s3.createBucket("data");
            List<byte[]> red = images(Color.RED);
            long t = System.nanoTime();
            upload(s3, objects, i -> red.get(i % DISTINCT_IMAGES));
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                order.add(i);
            }
            putManifest(s3, "manifests/base.jsonl.gz", order, objects);
            System.out.printf("[scale-since] %,d images and a manifest of %,d rows uploaded in %.0f s%n", objects, rows,
                    (System.nanoTime() - t) / 1e9);

            RunSummary base = run(spark, proxy, s3, "base", "s3://data/manifests/base.jsonl.gz", perShard, Optional.empty());

            List<byte[]> blue = images(Color.BLUE);
            List<Integer> changedObjects = new ArrayList<>();
            for (int i = 37; i < objects; i += 100) { // 1% of the objects, so 1% of the rows
                changedObjects.add(i);
            }
            List<Integer> changed = order.stream().filter(i -> i % objects % 100 == 37).toList();
            uploadSome(s3, changedObjects, i -> blue.get(i % DISTINCT_IMAGES));
            Collections.shuffle(order, new Random(5));
            putManifest(s3, "manifests/nightly.jsonl.gz", order, objects);
            proxy.clearLog();
            RunSummary nightly = run(spark, proxy, s3, "nightly", "s3://data/manifests/nightly.jsonl.gz", perShard,
                    Optional.of("base"));

            long heads = proxy.requests(r -> r.startsWith("HEAD /data/img/"));
            long gets = proxy.requests(r -> r.startsWith("GET /data/img/"));
            long lists = proxy.requests(r -> r.startsWith("GET /data?") || r.startsWith("GET /data/?"));
            Dataset<Row> out = SparkSession.builder().sparkContext(spark.sc()).getOrCreate().read()
                    .parquet(tmp.resolve("out/nightly").toString() + "/part-*.parquet");
            long total = out.count();
            long distinct = out.select("image_id").distinct().count();
            List<Row> relabeled = out.filter("run_id = 'nightly'").select("image_id").collectAsList();
            System.out.printf("[scale-since] full run of %,d images: %.1f s; incremental with %,d changed and the manifest"
                    + " shuffled: %.1f s = %.1f%% of the full run%n", rows, base.wallSeconds(), changed.size(),
                    nightly.wallSeconds(), 100 * nightly.wallSeconds() / base.wallSeconds());
            System.out.printf("[scale-since] incremental run requests: %d HEAD, %d GET of images, %d listings;"
                    + " rows %,d (distinct ids %,d), labeled again %,d%n", heads, gets, lists, total, distinct,
                    relabeled.size());
            assertEquals(rows, total);
            assertEquals(rows, distinct);
            Set<String> expected = changed.stream().map(i -> String.format("row-%07d", i)).collect(Collectors.toSet());
            assertEquals(expected, relabeled.stream().map(r -> r.getString(0)).collect(Collectors.toSet()),
                    "exactly the rows of the replaced images were labeled again");
            assertEquals(changed.size(), nightly.rowsLabeled());
            assertEquals(0, heads);
        }
    }

    private RunSummary run(JavaSparkContext spark, FaultProxy proxy, LoopbackS3Server s3, String runId, String manifest,
            int perShard, Optional<String> since) throws IOException {
        String storage = "storage.s3 { endpoint = \"" + proxy.endpoint() + "\", path-style = true, access-key-id = \""
                + s3.accessKey() + "\", secret-access-key = \"" + s3.secretKey() + "\" }";
        Path config = Files.writeString(tmp.resolve(runId + ".conf"), LabelingScenario.config(manifest,
                tmp.resolve("out").toString(), FixtureModels.yolo().toString(), FixtureModels.openVocab().toString(),
                FixtureModels.embeddingsFile().toString(), perShard, storage
                        + "\nexecution { batch-size = 32, fetch-concurrency = 32 }\nrun.progress-interval = 60s"));
        Map<String, String> overrides = new HashMap<>(Map.of("run.id", runId));
        since.ifPresent(s -> overrides.put("run.since", s));
        return new LabelingJob(spark, System.out).run(new RunRequest(config, overrides));
    }

    private static List<byte[]> images(Color color) {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < DISTINCT_IMAGES; i++) {
            int dx = i % 23;
            images.add(TestImages.canvas(32, 24, Color.GRAY).fill(2 + dx / 2, 3, 14 + dx / 2, 18, color).jpeg(85));
        }
        return images;
    }

    private static void upload(LoopbackS3Server s3, int rows, java.util.function.IntFunction<byte[]> bytes) throws Exception {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            all.add(i);
        }
        uploadSome(s3, all, bytes);
    }

    private static void uploadSome(LoopbackS3Server s3, List<Integer> which, java.util.function.IntFunction<byte[]> bytes)
            throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (S3Client client = s3.newClient()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int k = first; k < which.size(); k += threads) {
                        int i = which.get(k);
                        client.putObject(b -> b.bucket("data").key(key(i)), RequestBody.fromBytes(bytes.apply(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void putManifest(LoopbackS3Server s3, String key, List<Integer> order, int objects) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            for (int i : order) {
                out.write(String.format("{\"id\": \"row-%07d\", \"uri\": \"s3://data/%s\", \"camera\": \"cam-%d\"}%n",
                        i, key(i % objects), i % 7).getBytes(StandardCharsets.UTF_8));
            }
        }
        try (S3Client client = s3.newClient()) {
            client.putObject(b -> b.bucket("data").key(key), RequestBody.fromBytes(bytes.toByteArray()));
        }
    }

    private static String key(int i) {
        return String.format("img/%07d.jpg", i);
    }
}
