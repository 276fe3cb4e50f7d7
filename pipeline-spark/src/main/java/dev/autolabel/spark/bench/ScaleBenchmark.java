package dev.autolabel.spark.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The scale benchmark ({@code autolabel bench --parts plan}): for each manifest size, a generated manifest (folders of
 * gzipped JSONL parts, URIs cycling through a few hundred small real JPEGs) and a real run in a child JVM with the
 * driver heap under test on local[2], stopped at a milestone ({@link PlanProbe}): planning time, time to the first
 * task of the labeling job, to the first shard and to the first committed shard, peak heap in use and peak heap live
 * after GC, and the outcome (an OutOfMemoryError ends the child: "died (exit N)").
 */
public final class ScaleBenchmark {

    /** What to measure. */
    public record Options(Path workDir, List<Long> rows, String heap, String until, int imagesPerShard) {

        public Options {
            requireNonNull(workDir, "workDir");
            rows = List.copyOf(rows);
            requireNonNull(heap, "heap");
            // Checked here, before manifests of up to 100M rows are generated, not first in the child JVM.
            PlanProbe.Milestone.of(requireNonNull(until, "until"));
        }
    }

    /** One size's figures. */
    record Row(long rows, String planned, String firstTask, String firstShard, String firstCommit, String peakUsedMiB,
            String peakLiveMiB, String outcome, double seconds) {
    }

    private final Options options;
    private final PrintStream out;

    public ScaleBenchmark(Options options, PrintStream out) {
        this.options = requireNonNull(options, "options");
        this.out = requireNonNull(out, "out");
    }

    public void run() throws IOException, InterruptedException {
        Path root = Files.createDirectories(options.workDir().toAbsolutePath());
        List<Path> images = new PipelineBenchImages(64, 48, 85).ensure(root.resolve("images"), 300);
        List<Row> rows = new ArrayList<>();
        for (long n : options.rows()) {
            long t = System.nanoTime();
            Path manifest = ScaleManifests.ensure(root, n, images);
            out.printf(Locale.ROOT, "[plan] manifest of %,d rows: %s (%.0f s to make or find)%n", n, manifest,
                    (System.nanoTime() - t) / 1e9);
            Row row = probe(root, n, manifest);
            rows.add(row);
            out.printf(Locale.ROOT, "[plan] %,d rows: %s%n", n, row);
        }
        print(rows);
    }

    private Row probe(Path root, long n, Path manifest) throws IOException, InterruptedException {
        Path runDir = root.resolve("runs-" + n);
        Path localDir = root.resolve("spark-local-" + n);
        BenchJobs.deleteRecursively(runDir);
        BenchJobs.deleteRecursively(localDir);
        Files.createDirectories(localDir);
        Path config = Files.writeString(root.resolve("plan-" + n + ".conf"), config(manifest, runDir));
        Path result = root.resolve("plan-" + n + ".tsv");
        Files.deleteIfExists(result);
        Path log = root.resolve("plan-" + n + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + options.heap(), "-XX:+ExitOnOutOfMemoryError", "-Dspark.local.dir=" + localDir,
                "-Xlog:gc:file=" + root.resolve("plan-" + n + "-gc.log")));
        command.addAll(jvmFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PlanProbe.class.getName(),
                config.toString(), "plan", options.until(), result.toString()));
        long start = System.nanoTime();
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = child.waitFor(6, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!ended) {
            child.destroyForcibly().waitFor();
        }
        BenchJobs.deleteRecursively(localDir);
        if (!Files.isRegularFile(result)) {
            return new Row(n, "-", "-", "-", "-", "-", "-", ended ? "died (exit " + child.exitValue() + "; see " + log + ")"
                    : "timed out", seconds);
        }
        String[] f = Files.readString(result).strip().split("\t");
        return new Row(n, f[0], f[1], f[2], f[3], f[4], f[5], f[6], seconds);
    }

    private String config(Path manifest, Path runDir) {
        String models = Path.of("pipeline-core", "src", "test", "resources", "models").toAbsolutePath().toString();
        return String.join("\n",
                "autolabel {",
                "  run { output = " + BenchJobs.quote(runDir.toString()) + ", images-per-shard = " + options.imagesPerShard()
                        + ", progress-interval = 30s }",
                "  manifest.uri = " + BenchJobs.quote(manifest.toString()),
                "  precision { model = " + BenchJobs.quote(models + "/blobs-yolo.onnx") + ", format = yolo, threshold = 0.6 }",
                "  open-vocab { enabled = true, model = " + BenchJobs.quote(models + "/blobs-openvocab.onnx") + ",",
                "    box-format = \"cxcywh-normalized\", logits = raw,",
                "    embeddings-file = " + BenchJobs.quote(models + "/blobs-embeddings.json") + ",",
                "    prompts = [ { label = yellow, texts = [\"yellow thing\"] } ], threshold = 0.3 }",
                "}", "");
    }

    /** The flags this JVM got that Spark needs too (--add-opens and friends), not its heap. */
    private static List<String> jvmFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")
                        || a.equals("-XX:+IgnoreUnrecognizedVMOptions") || a.startsWith("-Dlog4j2.configurationFile"))
                .toList();
    }

    private void print(List<Row> rows) {
        out.printf(Locale.ROOT, "%nScale: driver heap -Xmx%s on local[2], %d images per shard, stopped at %s%n",
                options.heap(), options.imagesPerShard(), options.until());
        out.printf(Locale.ROOT, "%14s %10s %12s %13s %14s %15s %15s  %s%n", "rows", "planned s", "first task s",
                "first shard s", "first commit s", "peak heap MiB", "peak live MiB", "outcome");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%,14d %10s %12s %13s %14s %15s %15s  %s%n", r.rows(), r.planned(), r.firstTask(),
                    r.firstShard(), r.firstCommit(), r.peakUsedMiB(), r.peakLiveMiB(), r.outcome());
        }
    }
}
