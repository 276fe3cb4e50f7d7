package dev.autolabel.spark.bench;

import static java.util.Objects.requireNonNull;

import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunRequest;
import dev.autolabel.spark.job.RunSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Whole labeling runs for the benchmarks: a manifest and a pass-1-only config for generated images, and one run
 * through {@link LabelingJob} on a Spark master in a fresh context, its output deleted afterwards (only run.json's
 * figures are kept, in the returned summary).
 */
final class BenchJobs {

    private final Path workDir;
    private final PrintStream log;

    BenchJobs(Path workDir, PrintStream log) {
        this.workDir = requireNonNull(workDir, "workDir");
        this.log = requireNonNull(log, "log");
    }

    /** A JSONL manifest of the images, ids from their file names, URIs from {@code uri}. */
    Path manifest(String name, List<Path> images, Function<Path, String> uri) throws IOException {
        return manifest(name, images, uri, 1);
    }

    /** As {@link #manifest(String, List, Function)}, every image listed {@code times} times (ids made unique). */
    Path manifest(String name, List<Path> images, Function<Path, String> uri, int times) throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (int t = 0; t < times; t++) {
            for (Path image : images) {
                String id = image.getFileName().toString().replace(".jpg", "") + (times > 1 ? "-" + t : "");
                jsonl.append("{\"id\": \"").append(id).append("\", \"uri\": \"").append(uri.apply(image)).append("\"}\n");
            }
        }
        return Files.writeString(workDir.resolve(name), jsonl, StandardCharsets.UTF_8);
    }

    /** The run config: {@code model} as pass 1 alone, two shards (so two task slots stay busy), local output. */
    Path config(String name, Path manifest, Path model, int images, int batchSize) throws IOException {
        int perShard = (images + 1) / 2;
        String text = String.join("\n",
                "autolabel {",
                "  run { output = " + quote(workDir.resolve("runs").toString()) + ", images-per-shard = "
                        + perShard + ", progress-interval = 1h }",
                "  manifest.uri = " + quote(manifest.toString()),
                "  execution.batch-size = " + batchSize,
                "  precision { model = " + quote(model.toAbsolutePath().toString()) + " }",
                "  open-vocab.enabled = false",
                "}", "");
        return Files.writeString(workDir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** One labeling run of {@code config} on {@code master}; {@code what} names it in the log and the run id. */
    RunSummary run(String what, String master, Path config, Map<String, String> overrides, int round) throws IOException {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("autolabel-bench")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel("WARN");
            String runId = "bench-" + what.replaceAll("[^a-z0-9]", "") + "-" + master.replaceAll("[^a-z0-9*]", "") + "-"
                    + round + "-" + System.currentTimeMillis();
            Map<String, String> runOverrides = new LinkedHashMap<>(overrides);
            runOverrides.put("run.id", runId);
            RunSummary summary = new LabelingJob(spark, new PrintStream(OutputStream.nullOutputStream()))
                    .run(new RunRequest(config, runOverrides));
            log.printf("[bench] round %d: %s %s: %d images in %.1f s = %.2f images/s%n", round, what, master,
                    summary.images(), summary.wallSeconds(), summary.imagesPerSecond());
            deleteRecursively(workDir.resolve("runs").resolve(runId));
            return summary;
        }
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
