package dev.autolabel.spark.cli;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.image.InputSpec;
import dev.autolabel.model.DevicePreference;
import dev.autolabel.model.ExecutionSettings;
import dev.autolabel.spark.bench.BenchImages;
import dev.autolabel.spark.bench.DecodeBenchmark;
import dev.autolabel.spark.bench.ModelBenchmark;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code autolabel bench}: throughput figures in one run. Part (a): the bare model on pre-made tensors. Part (b):
 * decode and decode + preprocess per thread, fast path (full and DCT-scaled) and ImageIO, on generated photo-sized
 * JPEGs. Neither part starts Spark, so the command also runs on JDKs Spark does not support (to compare ImageIO
 * there). Part (c), the full pipeline, is to be added as one more {@link Part}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark: (a) bare model images/s at a batch size on pre-made tensors, (b) JPEG decode and "
                + "decode+preprocess images/s per thread for the fast path (full size and DCT-scaled) and for ImageIO.")
final class BenchCommand implements Callable<Integer> {

    /** The parts of the benchmark, selectable with {@code --parts}. */
    enum Part { MODEL, DECODE }

    @Option(names = "--parts", split = ",", paramLabel = "PART", defaultValue = "model,decode",
            converter = PartConverter.class, description = "Parts to run: model, decode (default: both).")
    Set<Part> parts = EnumSet.allOf(Part.class);

    @Option(names = "--model", paramLabel = "FILE", defaultValue = "target/bench-model/yolov8n-like.onnx",
            description = "Benchmark model (default ${DEFAULT-VALUE}; generate it with bench/make_bench_model.py).")
    Path model;

    @Option(names = "--batch-size", paramLabel = "N", description = "Batch size for part (a) (default: execution.batch-size of reference.conf).")
    Integer batchSize;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "ONNX Runtime intra-op threads for part (a); 0 = all cores (default).")
    int threads;

    @Option(names = "--input-size", paramLabel = "PX", defaultValue = "640",
            description = "Model input side for preprocessing and DCT scaling (default ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--images-dir", paramLabel = "DIR", defaultValue = "target/bench-images",
            description = "Where the generated JPEGs are kept (default ${DEFAULT-VALUE}).")
    Path imagesDir;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "2", description = "Minimum time per timed round (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Timed rounds; the best counts (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--tsv", description = "Tab-separated rows for scripts instead of tables.")
    boolean tsv;

    @Override
    public Integer call() throws Exception {
        if (seconds <= 0 || rounds < 1 || inputSize < 1 || threads < 0) {
            throw new IllegalArgumentException("--seconds must be > 0, --rounds and --input-size >= 1, --threads >= 0");
        }
        PrintStream out = System.out;
        Duration minTime = Duration.ofMillis(Math.round(seconds * 1000));
        if (!tsv) {
            out.printf("autolabel bench on %s %s, %d cores%n", System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        }
        Optional<ModelBenchmark.Result> bareModel = Optional.empty();
        if (parts.contains(Part.MODEL)) {
            bareModel = Optional.of(runModel(out, minTime));
        }
        if (parts.contains(Part.DECODE)) {
            runDecode(out, minTime);
        }
        // Part (c) goes here: the full pipeline's images/s, reported as a ratio to bareModel's imagesPerSecond().
        return 0;
    }

    private ModelBenchmark.Result runModel(PrintStream out, Duration minTime) throws Exception {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("benchmark model " + model + " not found: generate it with "
                    + "/usr/bin/python3 bench/make_bench_model.py " + model + " (or pass --model, or --parts decode)");
        }
        int batch = batchSize != null ? batchSize : ConfigFactory.defaultReference().getInt("autolabel.execution.batch-size");
        ModelBenchmark.Result r = new ModelBenchmark(new ExecutionSettings(DevicePreference.AUTO, 0, threads), minTime, rounds)
                .run(model, batch);
        if (tsv) {
            out.printf(Locale.ROOT, "model\t%s\t%s\t%d\t%.2f%n", model.getFileName(), r.provider(), r.batchSize(), r.imagesPerSecond());
            return r;
        }
        out.printf(Locale.ROOT, "%n(a) bare model: %s on %s, input %dx%d, batch %d, pre-made tensors%n", model, r.provider(),
                r.width(), r.height(), r.batchSize());
        out.printf(Locale.ROOT, "    %.2f images/s  (%.1f ms per batch, best of %d rounds)%n", r.imagesPerSecond(),
                r.millisPerBatch(), rounds);
        return r;
    }

    private void runDecode(PrintStream out, Duration minTime) throws Exception {
        List<BenchImages.Image> images = BenchImages.ensure(imagesDir);
        List<DecodeBenchmark.Path> paths = DecodeBenchmark.availablePaths();
        DecodeBenchmark.fastPathUnavailable().ifPresent(reason -> out.println("fast path unavailable here: " + reason));
        List<DecodeBenchmark.Result> results = new DecodeBenchmark(InputSpec.yolo(inputSize, inputSize), minTime, rounds)
                .run(images, paths);
        if (tsv) {
            for (DecodeBenchmark.Result r : results) {
                out.printf(Locale.ROOT, "decode\t%s\t%s\t%s\t%d\t%.2f\t%.2f\t%.2f%n", r.image(), r.path().decoder(),
                        r.path().scaling(), r.denominator(), r.decode().perSecond(), r.prepared().perSecond(),
                        r.decode().perCpuSecond());
            }
            return;
        }
        out.printf(Locale.ROOT, "%n(b) JPEG decode per thread (1 thread, best of %d rounds of >= %.1f s; images in %s)%n",
                rounds, seconds, imagesDir);
        out.printf(Locale.ROOT, "    %-20s %-8s %-6s %14s %14s %22s%n", "image", "decoder", "scale", "decode img/s",
                "per CPU-s", "decode+prep " + inputSize + " img/s");
        for (DecodeBenchmark.Result r : results) {
            out.printf(Locale.ROOT, "    %-20s %-8s %-6s %14.1f %14.1f %22.1f%n", r.image(), r.path().decoder(),
                    "1/" + r.denominator(), r.decode().perSecond(), r.decode().perCpuSecond(), r.prepared().perSecond());
        }
    }

    /** Accepts part names in any case. */
    static final class PartConverter implements picocli.CommandLine.ITypeConverter<Part> {
        @Override
        public Part convert(String value) {
            return Part.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }
}
