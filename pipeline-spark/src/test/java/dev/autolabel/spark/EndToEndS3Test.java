package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunRequest;
import dev.autolabel.spark.job.RunSummary;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.storage.LoopbackS3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole run against a real S3-compatible server on 127.0.0.1: images, models, embeddings and the manifest
 * uploaded through the AWS SDK, the job on local[2] reading and writing s3://, the shards read back with Spark's
 * own Parquet reader (not our writer), and a re-run with the same run id that must reuse every shard.
 */
class EndToEndS3Test {

    private static LoopbackS3Server s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startS3() throws IOException {
        s3 = LoopbackS3Server.start();
        s3.createBucket("data");
        s3.createBucket("labels");
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Test
    void labelsAManifestOnS3IntoShardsOnS3AndResumesWithoutModelWork() throws Exception {
        LabelingScenario scenario = new LabelingScenario(10);
        try (S3Client client = s3.newClient()) {
            scenario.images().forEach(i -> put(client, i.key(), i.bytes()));
            scenario.extraObjects().forEach((key, bytes) -> put(client, key, bytes));
            put(client, "models/yolo.onnx", Files.readAllBytes(FixtureModels.yolo()));
            put(client, "models/owl.onnx", Files.readAllBytes(FixtureModels.openVocab()));
            put(client, "models/prompts.json", Files.readAllBytes(FixtureModels.embeddingsFile()));
            put(client, "manifests/today.jsonl", scenario.manifestJsonl(key -> "s3://data/" + key).getBytes());
        }
        String storage = "  storage.s3 { endpoint = \"" + s3.endpoint() + "\", path-style = true, access-key-id = \""
                + s3.accessKey() + "\", secret-access-key = \"" + s3.secretKey() + "\" }";
        Path config = Files.writeString(tmp.resolve("run.conf"), LabelingScenario.config("s3://data/manifests/today.jsonl",
                "s3://labels/runs", "s3://data/models/yolo.onnx", "s3://data/models/owl.onnx", "s3://data/models/prompts.json",
                4, storage));
        RunRequest request = new RunRequest(config, Map.of("run.id", "e2e"));

        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("e2e-s3").set("spark.ui.enabled", "false");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            RunSummary first = new LabelingJob(spark, System.out).run(request);
            System.out.printf("e2e S3 run: %d images in %.2f s = %.2f images/s%n", first.images(), first.wallSeconds(),
                    first.imagesPerSecond());
            assertEquals(scenario.manifestRows(), first.images());
            assertEquals(2, first.failed());
            assertEquals(3, first.shardCount(), "12 rows at 4 per shard");
            assertEquals(0, first.shardsReused());

            Map<String, String> etags = shardEtags();
            assertEquals(3, etags.size(), "exactly one Parquet file per shard: " + etags.keySet());
            scenario.verify(readShards(spark), "e2e");
            JsonNode runJson = new ObjectMapper().readTree(get("runs/e2e/run.json"));
            assertEquals(12, runJson.get("images").asInt());
            assertEquals(1, runJson.path("failed_by_code").path("NOT_FOUND").asInt());
            assertEquals(1, runJson.path("failed_by_code").path("CORRUPT_IMAGE").asInt());
            assertEquals(5, runJson.path("detections_by_source").path("open_vocab").asInt(), "yellow in 5 of 10 images");
            assertEquals(64, runJson.path("model_hashes").path("precision").asText().length());
            assertTrue(!runJson.toString().contains(s3.secretKey()), "run.json never shows the secret key");

            RunSummary again = new LabelingJob(spark, System.out).run(request);
            assertEquals(3, again.shardsReused(), "every shard was already committed");
            assertEquals(first.images(), again.images());
            assertEquals(first.failed(), again.failed());
            assertEquals(etags, shardEtags(), "shards untouched by the re-run");
        }
    }

    private List<Row> readShards(JavaSparkContext spark) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("shards"));
        for (String key : shardEtags().keySet()) {
            Files.write(dir.resolve(key.substring(key.lastIndexOf('/') + 1)), get(key));
        }
        return SparkSession.builder().sparkContext(spark.sc()).getOrCreate().read().parquet(dir.toString()).collectAsList();
    }

    private static Map<String, String> shardEtags() {
        try (S3Client client = s3.newClient()) {
            Map<String, String> etags = new TreeMap<>();
            for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket("labels").prefix("runs/e2e/")).contents()) {
                if (o.key().endsWith(".parquet")) {
                    etags.put(o.key(), o.eTag());
                }
            }
            return etags;
        }
    }

    private static byte[] get(String key) {
        try (S3Client client = s3.newClient()) {
            return client.getObjectAsBytes(b -> b.bucket("labels").key(key)).asByteArray();
        }
    }

    private static void put(S3Client client, String key, byte[] bytes) {
        client.putObject(b -> b.bucket("data").key(key), RequestBody.fromBytes(bytes));
    }
}
