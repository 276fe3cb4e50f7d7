package dev.autolabel.spark.cli;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.image.InputSpec;
import dev.autolabel.model.DevicePreference;
import dev.autolabel.model.ExecutionSettings;
import dev.autolabel.spark.bench.BenchImages;
import dev.autolabel.spark.bench.BenchmarkReport;
import dev.autolabel.spark.bench.PipelineBenchmark;
import dev.autolabel.spark.bench.TilingBenchmark;
import dev.autolabel.spark.bench.TilingReport;
import dev.autolabel.spark.bench.ScaleBenchmark;
import dev.autolabel.storage.LoopbackS3Server;
import dev.autolabel.spark.bench.DecodeBenchmark;
import dev.autolabel.spark.bench.ModelBenchmark;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code autolabel bench}: throughput figures in one run. Part (a): the bare model on pre-made tensors. Part (b):
 * decode and decode + preprocess per thread, fast path (full and DCT-scaled) and ImageIO, on generated photo-sized
 * JPEGs. Part (c): whole labeling runs through Spark local masters from local files and from a loopback S3 server,
 * against (a) and (b) measured in the same rounds ({@link PipelineBenchmark}). Part (d): large JPEGs through the
 * pipeline with tiling off and on, model inputs per second against (a) ({@link TilingBenchmark}). Parts (a) and (b)
 * start no Spark,
 * so they also run on JDKs Spark does not support (to compare ImageIO there).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark: (a) bare model images/s at a batch size on pre-made tensors, (b) JPEG decode and "
                + "decode+preprocess images/s per thread for the fast path (full size and DCT-scaled) and for ImageIO, "
                + "(c) the full pipeline through Spark local masters from local files and loopback S3, with the "
                + "ratios c/a and c/(1/(1/a+1/b)), local[2]/local[1] scaling and the stage breakdown, (d) tiling: "
                + "large JPEGs through the pipeline with tiling off and on, images/s, model inputs (tiles) per second "
                + "over (a) and inference busy share.")
final class BenchCommand implements Callable<Integer> {

    /** The parts of the benchmark, selectable with {@code --parts}. */
    enum Part { MODEL, DECODE, PIPELINE, TILING, PLAN }

    @Option(names = "--parts", split = ",", paramLabel = "PART", defaultValue = "model,decode,pipeline,tiling",
            converter = PartConverter.class, description = "Parts to run: model, decode, pipeline, tiling, and plan (the "
                    + "scale benchmark: never by default) (default: model,decode,pipeline,tiling).")
    Set<Part> parts = EnumSet.of(Part.MODEL, Part.DECODE, Part.PIPELINE, Part.TILING);

    @Option(names = "--images", paramLabel = "N", defaultValue = "300",
            description = "Pipeline part: 1920x1080 JPEGs per run, in two shards (default ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--tiling-images", paramLabel = "N", defaultValue = "16",
            description = "Tiling part: JPEGs per run (default ${DEFAULT-VALUE}).")
    int tilingImages;

    @Option(names = "--tiling-image-size", paramLabel = "WxH", defaultValue = "4032x3024",
            description = "Tiling part: size of its JPEGs (default ${DEFAULT-VALUE}, a 12 MP phone photo).")
    String tilingImageSize;

    @Option(names = "--masters", split = ",", paramLabel = "MASTER", defaultValue = "local[1],local[2]",
            description = "Pipeline part: Spark masters to run on; the last over the first is the scaling (default ${DEFAULT-VALUE}).")
    List<String> masters;

    @Option(names = "--s3", paramLabel = "MODE", defaultValue = "loopback",
            description = "Pipeline part: 'loopback' also runs from an S3Proxy started on 127.0.0.1 (needs --s3proxy-jar), "
                    + "'none' only from local files (default ${DEFAULT-VALUE}).")
    String s3Mode;

    @Option(names = "--s3proxy-jar", paramLabel = "FILE",
            defaultValue = "${sys:autolabel.s3proxy.jar:-pipeline-spark/target/s3proxy/s3proxy.jar}",
            description = "S3Proxy jar-with-dependencies for --s3 loopback (default ${DEFAULT-VALUE}; 'mvn package' puts it there).")
    Path s3proxyJar;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "target/bench-pipeline",
            description = "Pipeline part: generated images, manifests, config and (deleted) runs (default ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Pipeline part: overrides a config key under autolabel for every run, e.g. --set execution.decode-threads=2.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--model", paramLabel = "FILE", defaultValue = "target/bench-model/yolov8n-like.onnx",
            description = "Benchmark model (default ${DEFAULT-VALUE}; generate it with bench/make_bench_model.py).")
    Path model;

    @Option(names = "--batch-size", paramLabel = "N", description = "Batch size for parts (a) and (c) (default: execution.batch-size of reference.conf).")
    Integer batchSize;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "ONNX Runtime intra-op threads for part (a); 0 = all cores (default).")
    int threads;

    @Option(names = "--input-size", paramLabel = "PX", defaultValue = "640",
            description = "Model input side for preprocessing and DCT scaling (default ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--images-dir", paramLabel = "DIR", defaultValue = "target/bench-images",
            description = "Decode part: where its generated JPEGs are kept (default ${DEFAULT-VALUE}).")
    Path imagesDir;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "5",
            description = "Minimum time of each timed measurement of (a) and (b) (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Timed rounds; the best counts (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--plan-rows", split = ",", paramLabel = "N", defaultValue = "1000000,10000000,100000000",
            description = "Plan part: manifest sizes, in rows (default ${DEFAULT-VALUE}).")
    List<Long> planRows;

    @Option(names = "--plan-heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "Plan part: driver heap (-Xmx) of each run (default ${DEFAULT-VALUE}).")
    String planHeap;

    @Option(names = "--plan-until", paramLabel = "MILESTONE", defaultValue = "first-task",
            description = "Plan part: where each run stops: first-task (the labeling job's first task), first-shard, "
                    + "first-commit or end (default ${DEFAULT-VALUE}).")
    String planUntil;

    @Option(names = "--plan-images-per-shard", paramLabel = "N", defaultValue = "10000",
            description = "Plan part: run.images-per-shard of the runs (default ${DEFAULT-VALUE}).")
    int planImagesPerShard;

    @Option(names = "--plan-dir", paramLabel = "DIR", defaultValue = "target/bench-plan",
            description = "Plan part: generated manifests (kept for the next benchmark), images, configs, logs, runs"
                    + " (default ${DEFAULT-VALUE}; 100M rows take about 2 GB).")
    Path planDir;

    @Option(names = "--tsv", description = "Tab-separated rows for scripts instead of tables.")
    boolean tsv;

    @Override
    public Integer call() throws Exception {
        if (seconds <= 0 || rounds < 1 || inputSize < 1 || threads < 0 || images < 1) {
            throw new IllegalArgumentException("--seconds must be > 0, --rounds, --input-size and --images >= 1, --threads >= 0");
        }
        if (!s3Mode.equals("loopback") && !s3Mode.equals("none")) {
            throw new IllegalArgumentException("--s3 must be 'loopback' or 'none', not '" + s3Mode + "'");
        }
        // Made (and so checked) before any part runs: a typo must not cost the parts before it.
        Optional<ScaleBenchmark.Options> plan = parts.contains(Part.PLAN)
                ? Optional.of(new ScaleBenchmark.Options(planDir, planRows, planHeap, planUntil, planImagesPerShard))
                : Optional.empty();
        PrintStream out = System.out;
        Duration minTime = Duration.ofMillis(Math.round(seconds * 1000));
        if (!tsv) {
            out.printf("autolabel bench on %s %s, %d cores%n", System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        }
        if (parts.contains(Part.MODEL)) {
            runModel(out, minTime);
        }
        if (parts.contains(Part.DECODE)) {
            runDecode(out, minTime);
        }
        if (parts.contains(Part.PIPELINE)) {
            runPipeline(out);
        }
        if (parts.contains(Part.TILING)) {
            runTiling(out);
        }
        if (plan.isPresent()) {
            new ScaleBenchmark(plan.get(), out).run();
        }
        return 0;
    }

    private void runModel(PrintStream out, Duration minTime) throws Exception {
        requireModel();
        ModelBenchmark.Result r = new ModelBenchmark(new ExecutionSettings(DevicePreference.AUTO, 0, threads), minTime, rounds)
                .run(model, batch());
        if (tsv) {
            out.printf(Locale.ROOT, "model\t%s\t%s\t%d\t%.2f%n", model.getFileName(), r.provider(), r.batchSize(), r.imagesPerSecond());
            return;
        }
        out.printf(Locale.ROOT, "%n(a) bare model: %s on %s, input %dx%d, batch %d, pre-made tensors%n", model, r.provider(),
                r.width(), r.height(), r.batchSize());
        out.printf(Locale.ROOT, "    %.2f images/s  (%.1f ms per batch, best of %d rounds)%n", r.imagesPerSecond(),
                r.millisPerBatch(), rounds);
    }

    /** (c) with its own (a) and (b), measured in the same rounds so that the ratios compare like with like. */
    private void runPipeline(PrintStream out) throws Exception {
        requireModel();
        out.printf(Locale.ROOT, "%n(c) full pipeline: %d images, masters %s, from local files%s; best of %d rounds%n",
                images, masters, s3Mode.equals("loopback") ? " and loopback S3" : "", rounds);
        try (LoopbackS3Server s3 = s3Mode.equals("loopback") ? LoopbackS3Server.start(s3proxyJar) : null) {
            Optional<PipelineBenchmark.S3Target> target = Optional.empty();
            if (s3 != null) {
                s3.createBucket("bench");
                target = Optional.of(new PipelineBenchmark.S3Target(s3.endpoint(), "bench", s3.accessKey(), s3.secretKey()));
            }
            PipelineBenchmark.Options options = new PipelineBenchmark.Options(workDir, model, images, batch(), masters,
                    rounds, seconds, target, set);
            BenchmarkReport report = new PipelineBenchmark(options, out).run();
            out.println();
            report.print(out);
        }
    }

    /** The tiling case: the pipeline on large JPEGs with tiling off and on, against (a) in the same rounds. */
    private void runTiling(PrintStream out) throws Exception {
        requireModel();
        String[] size = tilingImageSize.toLowerCase(Locale.ROOT).split("x");
        if (size.length != 2 || !size[0].matches("\\d+") || !size[1].matches("\\d+")) {
            throw new IllegalArgumentException("--tiling-image-size must be WIDTHxHEIGHT, e.g. 4032x3024, not '"
                    + tilingImageSize + "'");
        }
        out.printf(Locale.ROOT, "%n(d) tiling: %d JPEGs of %s through the pipeline on %s, tiling off and on; best of %d rounds%n",
                tilingImages, tilingImageSize, masters.get(0), rounds);
        TilingBenchmark.Options options = new TilingBenchmark.Options(workDir, model, tilingImages,
                Integer.parseInt(size[0]), Integer.parseInt(size[1]), batch(), masters.get(0), rounds, seconds, set);
        TilingReport report = new TilingBenchmark(options, out).run();
        out.println();
        report.print(out);
    }

    private void requireModel() {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("benchmark model " + model + " not found: generate it with "
                    + "/usr/bin/python3 bench/make_bench_model.py " + model + " (or pass --model, or --parts decode)");
        }
    }

    private int batch() {
        return batchSize != null ? batchSize : ConfigFactory.defaultReference().getInt("autolabel.execution.batch-size");
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
