package dev.autolabel.spark.bench;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.image.ImageDecoder;
import dev.autolabel.image.ImageDecoders;
import dev.autolabel.labeling.ModelLocator;
import dev.autolabel.labeling.PassDetectorFactory;
import dev.autolabel.model.Detector;
import dev.autolabel.spark.job.RunSummary;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import dev.autolabel.tiling.ViewPlanner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tiling case of {@code autolabel bench}: large photo-like JPEGs (12 MP phone photos by default) labeled by the
 * whole pipeline through Spark with tiling off and on (pass 1 alone, tiles of the model's input size overlapping
 * by 20%, plus the whole image), against (a) the bare model at the same batch size, measured in the same rounds.
 * Tiled, the model runs once per tile and once on the whole image: the figure to compare with (a) is model inputs
 * (tiles and whole views) per second, as images per second is without tiling. So that both cases give the models
 * the same work, tiling off labels each image as many times as tiling on has model inputs per image (the run's
 * start and end then weigh alike), each case in one shard. Best of the rounds for each.
 */
public final class TilingBenchmark {

    /** @param overrides extra config keys under autolabel, applied to both cases */
    public record Options(Path workDir, Path model, int images, int width, int height, int batchSize, String master,
            int repeats, double componentSeconds, Map<String, String> overrides) {

        public Options {
            requireNonNull(workDir, "workDir");
            requireNonNull(model, "model");
            requireNonNull(master, "master");
            overrides = Map.copyOf(overrides);
            if (images < 1 || batchSize < 1 || repeats < 1 || width < 16 || height < 16 || !(componentSeconds > 0)) {
                throw new IllegalArgumentException("images, batch size and repeats >= 1, images >= 16x16, seconds > 0");
            }
        }
    }

    private static final int QUALITY = 90;
    private static final int DECODE_SAMPLE = 8;

    private final Options options;
    private final PrintStream log;
    private final BenchJobs jobs;

    public TilingBenchmark(Options options, PrintStream log) {
        this.options = requireNonNull(options, "options");
        this.log = requireNonNull(log, "log");
        this.jobs = new BenchJobs(options.workDir(), log);
    }

    public TilingReport run() throws IOException {
        Files.createDirectories(options.workDir());
        log.printf("[bench] tiling: %d JPEGs %dx%d q%d under %s%n", options.images(), options.width(), options.height(),
                QUALITY, options.workDir());
        List<Path> images = new PipelineBenchImages(options.width(), options.height(), QUALITY)
                .ensure(options.workDir().resolve("images"), options.images());
        Path config = jobs.config("tiling.conf", jobs.manifest("manifest-tiling.jsonl", images, Path::toString),
                options.model(), options.images(), options.batchSize());
        // One shard per run: on one task slot a second shard adds its start and commit, not parallelism.
        Map<String, String> tiled = new LinkedHashMap<>(options.overrides());
        tiled.put("run.images-per-shard", Integer.toString(options.images()));
        tiled.put("precision.tiling.enabled", "true");
        AutolabelConfig parsed = ConfigLoader.load(config, options.overrides());
        List<byte[]> sample = new ArrayList<>();
        for (Path image : images.subList(0, Math.min(DECODE_SAMPLE, images.size()))) {
            sample.add(Files.readAllBytes(image));
        }
        double a = 0;
        List<RunSummary> off = new ArrayList<>();
        List<RunSummary> on = new ArrayList<>();
        try (BlobStore store = BlobStores.create(parsed.storage())) {
            Detector detector = PassDetectorFactory.create(parsed, Optional.empty(), new ModelLocator(store),
                    parsed.execution()).precision();
            ImageDecoder decoder = ImageDecoders.create(parsed.image(), parsed.decoder(), List.of(detector.inputSpec()));
            int inputsPerImage = new ViewPlanner(ConfigLoader.load(config, tiled).tiling(), detector.inputSpec(),
                    Optional.empty()).plan(options.width(), options.height()).size();
            Map<String, String> whole = new LinkedHashMap<>(options.overrides());
            whole.put("manifest.uri", jobs.manifest("manifest-whole.jsonl", images, Path::toString, inputsPerImage)
                    .toString());
            whole.put("run.images-per-shard", Integer.toString(options.images() * inputsPerImage));
            for (int round = 1; round <= options.repeats(); round++) {
                double bare = ComponentRates.bareModel(detector, decoder, sample, options.componentSeconds());
                log.printf("[bench] round %d: a (bare model) %.2f images/s%n", round, bare);
                a = Math.max(a, bare);
                off.add(jobs.run("tiling off", options.master(), config, whole, round));
                on.add(jobs.run("tiling on", options.master(), config, tiled, round));
            }
            return new TilingReport(options.model().getFileName().toString(), detector.inputSpec().width(),
                    detector.inputSpec().height(), detector.batchSize(), options.master(),
                    options.width() + "x" + options.height() + " q" + QUALITY, a, TilingCase.of("off", options.master(), off),
                    TilingCase.of("on", options.master(), on));
        }
    }
}
