package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunRequest;
import dev.autolabel.spark.job.RunSummary;
import dev.autolabel.storage.LoopbackS3Server;
import dev.autolabel.testing.FixtureModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Manifest forms Spark reads from a real S3-compatible server on 127.0.0.1 (through s3a, configured from the run's
 * storage settings): a Parquet dataset, a folder of JSONL parts (one gzipped), and the S3 prefix of the images
 * itself. Each run's shards are read back with Spark's Parquet reader: every manifest row exactly once, labeled as
 * the scenario expects.
 */
class ManifestSourcesS3Test {

    private static LoopbackS3Server s3;
    private static JavaSparkContext spark;
    private static final LabelingScenario SCENARIO = new LabelingScenario(10);

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        s3 = LoopbackS3Server.start();
        s3.createBucket("data");
        s3.createBucket("labels");
        try (S3Client client = s3.newClient()) {
            SCENARIO.images().forEach(i -> put(client, i.key(), i.bytes()));
            SCENARIO.extraObjects().forEach((key, bytes) -> put(client, key, bytes));
            put(client, "photos/readme.txt", "not an image".getBytes(StandardCharsets.UTF_8));
        }
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("manifest-sources")
                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        spark.close();
        s3.close();
    }

    @Test
    void aParquetDatasetOnS3() throws Exception {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("uri", DataTypes.StringType)
                .add("camera", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (String line : SCENARIO.manifestJsonl(key -> "s3://data/" + key).split("\n")) {
            JsonNode json = new ObjectMapper().readTree(line);
            rows.add(RowFactory.create(json.get("id").asText(), json.get("uri").asText(), json.get("camera").asText()));
        }
        SparkSession session = SparkSession.builder().sparkContext(spark.sc()).getOrCreate();
        Path local = tmp.resolve("manifest.parquet");
        session.createDataFrame(rows, schema).repartition(3).write()
                .parquet(local.toString());
        try (S3Client client = s3.newClient(); var files = Files.list(local)) {
            for (Path f : files.toList()) {
                put(client, "manifests/parquet/" + f.getFileName(), Files.readAllBytes(f));
            }
        }

        RunSummary summary = run("parquet", "s3://data/manifests/parquet/", Map.of());

        assertEquals(SCENARIO.manifestRows(), summary.images());
        SCENARIO.verify(shards("parquet"), "parquet");
    }

    @Test
    void aFolderOfJsonlPartsOnS3() throws Exception {
        String[] lines = SCENARIO.manifestJsonl(key -> "s3://data/" + key).split("\n");
        int half = lines.length / 2;
        try (S3Client client = s3.newClient()) {
            put(client, "manifests/parts/part-00000.jsonl.gz", gzip(String.join("\n", List.of(lines).subList(0, half)) + "\n"));
            put(client, "manifests/parts/part-00001.jsonl",
                    (String.join("\n", List.of(lines).subList(half, lines.length)) + "\n").getBytes(StandardCharsets.UTF_8));
            put(client, "manifests/parts/_SUCCESS", new byte[0]);
        }

        RunSummary summary = run("parts", "s3://data/manifests/parts/", Map.of());

        assertEquals(SCENARIO.manifestRows(), summary.images());
        SCENARIO.verify(shards("parts"), "parts");
    }

    @Test
    void theImagesUnderAnS3PrefixAsTheInputAndAResumeSeesTheSameList() throws Exception {
        Map<String, String> listing = Map.of("manifest.format", "listing");

        RunSummary first = run("listed", "s3://data/photos/", listing);

        Set<String> expected = new TreeSet<>();
        SCENARIO.images().forEach(i -> expected.add("s3://data/" + i.key()));
        expected.add("s3://data/photos/corrupt.jpg");
        List<Row> rows = shards("listed");
        assertEquals(expected, rows.stream().map(r -> r.<String>getAs("image_id")).collect(Collectors.toCollection(TreeSet::new)),
                "every image under the prefix once, id = URI; readme.txt is no image");
        assertEquals(expected.size(), rows.size());
        assertEquals(1, first.failed(), "the corrupt one");
        assertTrue(rows.stream().filter(r -> "OK".equals(r.getAs("status")))
                .allMatch(r -> ((String) r.getAs("fingerprint")).startsWith("etag:")));
        JsonNode saved = new ObjectMapper().readTree(get("labels", "runs/listed/run.json"));
        assertEquals("s3://data/photos/", saved.get("manifest").asText());

        try (S3Client client = s3.newClient()) {
            put(client, "photos/late.jpg", SCENARIO.images().get(0).bytes());
        }
        RunSummary again = run("listed", "s3://data/photos/", listing);
        assertEquals(first.images(), again.images(), "the resumed run read the saved listing, not a new one");
        assertEquals(first.shardCount(), again.shardsReused());
    }

    private RunSummary run(String runId, String manifest, Map<String, String> overrides) throws IOException {
        String storage = "  storage.s3 { endpoint = \"" + s3.endpoint() + "\", path-style = true, access-key-id = \""
                + s3.accessKey() + "\", secret-access-key = \"" + s3.secretKey() + "\" }";
        Path config = Files.writeString(tmp.resolve(runId + ".conf"), LabelingScenario.config(manifest, "s3://labels/runs",
                FixtureModels.yolo().toString(), FixtureModels.openVocab().toString(),
                FixtureModels.embeddingsFile().toString(), 4, storage));
        Map<String, String> all = new java.util.HashMap<>(overrides);
        all.put("run.id", runId);
        return new LabelingJob(spark, System.out).run(new RunRequest(config, all));
    }

    /** The run's shards, read by Spark's own Parquet reader from S3. */
    private static List<Row> shards(String runId) {
        return SparkSession.builder().sparkContext(spark.sc()).getOrCreate().read()
                .parquet("s3://labels/runs/" + runId + "/part-*.parquet").collectAsList();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] get(String bucket, String key) {
        try (S3Client client = s3.newClient()) {
            return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        }
    }

    private static void put(S3Client client, String key, byte[] bytes) {
        client.putObject(b -> b.bucket("data").key(key), RequestBody.fromBytes(bytes));
    }
}
