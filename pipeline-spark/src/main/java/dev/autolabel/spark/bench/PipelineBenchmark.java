package dev.autolabel.spark.bench;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.image.ImageDecoder;
import dev.autolabel.image.ImageDecoders;
import dev.autolabel.labeling.ModelLocator;
import dev.autolabel.labeling.PassDetectorFactory;
import dev.autolabel.model.Detector;
import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunSummary;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Throughput benchmark of the whole labeling pipeline against its parts. Generates (once, cached) photo-like
 * 1920x1080 JPEGs, then measures (a) the bare model on pre-made tensors, (b) decode + resize on one thread, and
 * (c) full runs through {@link LabelingJob} on each Spark master (e.g. local[1], local[2]), from local files and,
 * when an S3 endpoint is given, from S3. Each number is the best of {@code repeats}: other work on the machine
 * only ever slows a measurement down. Only pass 1 runs (open-vocab off), so (a) is the whole model cost.
 *
 * <p>Run it with {@code autolabel bench --parts pipeline} (which also starts the loopback S3 server).
 */
public final class PipelineBenchmark {

    /** An S3-compatible endpoint and bucket the benchmark images are uploaded to. */
    public record S3Target(URI endpoint, String bucket, String accessKey, String secretKey) {

        public S3Target {
            requireNonNull(endpoint, "endpoint");
            requireNonNull(bucket, "bucket");
            requireNonNull(accessKey, "accessKey");
            requireNonNull(secretKey, "secretKey");
        }
    }

    /**
     * @param componentSeconds how long each measurement of (a) and (b) runs
     * @param s3 where (c) also runs from, besides local files
     * @param overrides extra config keys under autolabel (e.g. execution.decode-threads), applied to every run
     */
    public record Options(Path workDir, Path model, int images, int batchSize, List<String> masters, int repeats,
            double componentSeconds, Optional<S3Target> s3, Map<String, String> overrides) {

        public Options {
            requireNonNull(workDir, "workDir");
            requireNonNull(model, "model");
            masters = List.copyOf(masters);
            requireNonNull(s3, "s3");
            overrides = Map.copyOf(overrides);
            if (images < 1 || batchSize < 1 || repeats < 1 || masters.isEmpty() || !(componentSeconds > 0)) {
                throw new IllegalArgumentException("images, batch size and repeats >= 1, a master, seconds > 0");
            }
        }
    }

    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static final int QUALITY = 90;
    /** Images (b) cycles through: enough variety, all in memory. */
    private static final int DECODE_SAMPLE = 20;

    private final Options options;
    private final PrintStream log;
    private final BenchJobs jobs;

    public PipelineBenchmark(Options options, PrintStream log) {
        this.options = requireNonNull(options, "options");
        this.log = requireNonNull(log, "log");
        this.jobs = new BenchJobs(options.workDir(), log);
    }

    /**
     * Measures in rounds, each round taking every measurement once (a, b, then c for each source and master), and
     * keeps the best of the rounds for each: a burst of other work on the machine then costs one round of one
     * measurement, not all repeats of it.
     */
    public BenchmarkReport run() throws IOException {
        Files.createDirectories(options.workDir());
        log.printf("[bench] images: %d JPEGs %dx%d q%d under %s%n", options.images(), WIDTH, HEIGHT, QUALITY,
                options.workDir());
        List<Path> images = new PipelineBenchImages(WIDTH, HEIGHT, QUALITY).ensure(options.workDir().resolve("images"),
                options.images());
        Path config = jobs.config("bench.conf", jobs.manifest("manifest-local.jsonl", images, Path::toString),
                options.model(), options.images(), options.batchSize());
        AutolabelConfig parsed = ConfigLoader.load(config, options.overrides());
        Map<String, Map<String, String>> sources = new LinkedHashMap<>();
        sources.put("local", options.overrides());
        if (options.s3().isPresent()) {
            sources.put("s3", s3Overrides(options.s3().get(), images));
        }
        List<byte[]> sample = new ArrayList<>();
        for (Path image : images.subList(0, Math.min(DECODE_SAMPLE, images.size()))) {
            sample.add(Files.readAllBytes(image));
        }
        double a = 0;
        double b = 0;
        Map<String, List<RunSummary>> runs = new LinkedHashMap<>();
        try (BlobStore store = BlobStores.create(parsed.storage())) {
            Detector detector = PassDetectorFactory.create(parsed, Optional.empty(), new ModelLocator(store),
                    parsed.execution()).precision();
            // (b) decodes as the pipeline's decode stage does: same decoder choice, same DCT scaling.
            ImageDecoder decoder = ImageDecoders.create(parsed.image(), parsed.decoder(), List.of(detector.inputSpec()));
            log.printf("[bench] decoder: %s%n", decoder.getClass().getSimpleName());
            for (int round = 1; round <= options.repeats(); round++) {
                a = Math.max(a, logged(ComponentRates.bareModel(detector, decoder, sample, options.componentSeconds()),
                        "a (bare model)", round));
                b = Math.max(b, logged(ComponentRates.decodeAndResize(decoder, detector.preprocessor(), sample,
                        options.componentSeconds()), "b (decode + resize, one thread)", round));
                for (Map.Entry<String, Map<String, String>> source : sources.entrySet()) {
                    for (String master : options.masters()) {
                        runs.computeIfAbsent(source.getKey() + " " + master, k -> new ArrayList<>())
                                .add(jobs.run("c " + source.getKey(), master, config, source.getValue(), round));
                    }
                }
            }
            List<PipelineMeasurement> measured = new ArrayList<>();
            runs.forEach((key, summaries) -> measured.add(measurement(key, summaries)));
            return new BenchmarkReport(options.model().getFileName().toString(), detector.inputSpec().width(),
                    detector.inputSpec().height(), detector.batchSize(), options.images(),
                    WIDTH + "x" + HEIGHT + " q" + QUALITY, decoder.getClass().getSimpleName(), a, b, measured);
        }
    }

    private double logged(double rate, String what, int round) {
        log.printf("[bench] round %d: %s %.2f images/s%n", round, what, rate);
        return rate;
    }

    private static PipelineMeasurement measurement(String key, List<RunSummary> summaries) {
        String[] sourceAndMaster = key.split(" ", 2);
        RunSummary best = summaries.stream().max(Comparator.comparingDouble(RunSummary::imagesPerSecond)).orElseThrow();
        return new PipelineMeasurement(sourceAndMaster[0], sourceAndMaster[1], best.images(),
                summaries.stream().map(RunSummary::imagesPerSecond).toList(), best.stageSeconds(), best.wallSeconds());
    }

    /** Uploads the images to the S3 target and points the run at a manifest of their s3:// URIs. */
    private Map<String, String> s3Overrides(S3Target s3, List<Path> images) throws IOException {
        Map<String, String> overrides = new LinkedHashMap<>(options.overrides());
        overrides.put("storage.s3.endpoint", s3.endpoint().toString());
        overrides.put("storage.s3.path-style", "true");
        overrides.put("storage.s3.access-key-id", s3.accessKey());
        overrides.put("storage.s3.secret-access-key", s3.secretKey());
        AutolabelConfig withS3 = ConfigLoader.load(options.workDir().resolve("bench.conf"), overrides);
        Function<Path, String> uri = image -> "s3://" + s3.bucket() + "/bench/" + image.getFileName();
        try (BlobStore store = BlobStores.create(withS3.storage())) {
            for (Path image : images) {
                store.upload(image, uri.apply(image));
            }
        }
        overrides.put("manifest.uri", jobs.manifest("manifest-s3.jsonl", images, uri).toString());
        return overrides;
    }
}
