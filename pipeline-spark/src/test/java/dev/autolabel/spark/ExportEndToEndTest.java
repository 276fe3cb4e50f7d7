package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.spark.cli.AutolabelCli;
import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunRequest;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.storage.LoopbackS3Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real run (fixture models on Spark local[2], shards written to an S3-compatible server on 127.0.0.1) exported
 * through the command line from its s3:// run folder: COCO with the scenario's known labels, and the review
 * queue, where the gap-filled (yellow) images must come first.
 */
class ExportEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aRunOnS3ExportsAsCocoAndAsAReviewQueue() throws Exception {
        LabelingScenario scenario = new LabelingScenario(10);
        for (LabelingScenario.Image image : scenario.images()) {
            Files.createDirectories(tmp.resolve(image.key()).getParent());
            Files.write(tmp.resolve(image.key()), image.bytes());
        }
        for (Map.Entry<String, byte[]> e : scenario.extraObjects().entrySet()) {
            Files.write(tmp.resolve(e.getKey()), e.getValue());
        }
        Path manifest = Files.writeString(tmp.resolve("manifest.jsonl"), scenario.manifestJsonl(k -> tmp.resolve(k).toString()));
        try (LoopbackS3Server s3 = LoopbackS3Server.start()) {
            s3.createBucket("labels");
            String storage = "  storage.s3 { endpoint = \"" + s3.endpoint() + "\", path-style = true, access-key-id = \""
                    + s3.accessKey() + "\", secret-access-key = \"" + s3.secretKey() + "\" }";
            Path config = Files.writeString(tmp.resolve("run.conf"), LabelingScenario.config(manifest.toString(),
                    "s3://labels/runs", FixtureModels.yolo().toString(), FixtureModels.openVocab().toString(),
                    FixtureModels.embeddingsFile().toString(), 4, storage));
            SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("export-e2e").set("spark.ui.enabled", "false");
            try (JavaSparkContext spark = new JavaSparkContext(conf)) {
                new LabelingJob(spark, System.out).run(new RunRequest(config, Map.of("run.id", "exp")));
            }
            try (S3Client client = s3.newClient()) {
                List<String> keys = client.listObjectsV2Paginator(b -> b.bucket("labels").prefix("runs/exp/")).contents()
                        .stream().map(S3Object::key).toList();
                long shards = keys.stream().filter(k -> k.matches("runs/exp/part-\\d+\\.parquet")).count();
                assertEquals(3, shards, keys.toString());
                assertEquals(shards, keys.stream().filter(k -> k.matches("runs/exp/_report/part-\\d+\\.json")).count(),
                        "a report partial per shard, next to the commit markers: " + keys);
                assertTrue(keys.contains("runs/exp/report.html"), "the run's report, merged from them by Spark tasks");
            }

            Path coco = tmp.resolve("coco");
            assertEquals(0, cli("export", "--run", "s3://labels/runs/exp/", "--config", config.toString(), "--format", "coco",
                    "--out", coco.toString()));
            checkCoco(JSON.readTree(coco.resolve("coco.json").toFile()), scenario);

            Path review = tmp.resolve("review");
            assertEquals(0, cli("export", "--run", "s3://labels/runs/exp", "--config", config.toString(), "--review-top", "5",
                    "--out", review.toString()));
            checkReview(JSON.readTree(review.resolve("tasks.json").toFile()));

            assertEquals(2, cli("export", "--run", "s3://labels/runs/nope", "--config", config.toString(), "--format", "coco",
                    "--out", tmp.resolve("x").toString()), "a wrong run folder is a usage error");
        }
    }

    @Test
    void helpAndUsageErrors() throws Exception {
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(help, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, AutolabelCli.execute("export", "--help"));
        } finally {
            System.setOut(out);
        }
        for (String option : List.of("--run", "--format", "--out", "--min-score", "--sources", "--max-per-class",
                "--review-top", "--config")) {
            assertTrue(help.toString(StandardCharsets.UTF_8).contains(option), "export --help explains " + option);
        }
        Path run = Files.createDirectories(tmp.resolve("out/r1"));
        Files.writeString(run.resolve("run.json"), "{}");
        String out1 = tmp.resolve("x").toString();
        assertEquals(2, cli("export", "--run", run.toString(), "--out", out1), "no --format and no --review-top");
        assertEquals(2, cli("export", "--run", run.toString(), "--out", out1, "--format", "voc"), "unknown format");
        assertEquals(2, cli("export", "--run", run.toString(), "--out", out1, "--format", "coco", "--sources", "pass1"));
        assertEquals(2, cli("export", "--run", run.toString(), "--out", out1, "--review-top", "3", "--max-per-class", "2"));
        assertEquals(0, cli("export", "--run", run.toString(), "--out", out1, "--format", "coco"), "a run with no shards");
        assertEquals(0, JSON.readTree(tmp.resolve("x/coco.json").toFile()).get("images").size());
    }

    private static void checkCoco(JsonNode coco, LabelingScenario scenario) {
        assertEquals(List.of("red", "yellow"), StreamSupport.stream(coco.get("categories").spliterator(), false)
                .map(c -> c.get("name").asText()).toList());
        assertEquals(10, coco.get("images").size(), "the 10 labeled images; the missing and corrupt rows are not exported");
        Set<String> ids = new HashSet<>();
        coco.get("images").forEach(i -> ids.add(i.get("autolabel_image_id").asText()));
        assertEquals(scenario.images().stream().map(LabelingScenario.Image::id).collect(java.util.stream.Collectors.toSet()), ids);
        assertEquals(15, coco.get("annotations").size(), "10 red (pass 1) + 5 yellow (pass 2, gap fill)");
        for (JsonNode a : coco.get("annotations")) {
            boolean yellow = a.get("category_id").asInt() == 2;
            assertEquals(yellow ? "open_vocab" : "precise", a.get("attributes").get("source").asText());
            if (yellow) {
                assertEquals("yellow thing", a.get("attributes").get("prompt").asText());
            }
            JsonNode bbox = a.get("bbox");
            assertEquals(bbox.get(2).asDouble() * bbox.get(3).asDouble(), a.get("area").asDouble(), 1e-3);
            assertTrue(bbox.get(2).asDouble() > 40 && bbox.get(3).asDouble() > 40, "boxes of the 50-60 px rectangles: " + bbox);
        }
    }

    /** The gap-filled images (odd ones, with a yellow box from pass 2) are the five most uncertain. */
    private static void checkReview(JsonNode tasks) {
        assertEquals(5, tasks.size());
        double previous = Double.MAX_VALUE;
        for (JsonNode task : tasks) {
            double u = task.get("data").get("uncertainty").asDouble();
            assertTrue(u <= previous, "most uncertain first");
            previous = u;
            int index = Integer.parseInt(task.get("data").get("image_id").asText().substring("img-".length()));
            assertEquals(1, index % 2, "image " + index + " (uncertainty " + u + ") has a gap-filled yellow box");
            Set<String> labels = new HashSet<>();
            task.get("predictions").get(0).get("result").forEach(r -> labels.add(r.get("value").get("rectanglelabels").get(0).asText()));
            assertEquals(Set.of("red", "yellow"), labels);
        }
    }

    private static int cli(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return AutolabelCli.execute(args);
        } finally {
            System.setOut(out);
            System.out.print(captured.toString(StandardCharsets.UTF_8));
        }
    }
}
