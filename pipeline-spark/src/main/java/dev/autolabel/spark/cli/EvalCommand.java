package dev.autolabel.spark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.labeling.EmbeddingsLoader;
import dev.autolabel.labeling.InferenceCounts;
import dev.autolabel.labeling.ModelLocator;
import dev.autolabel.labeling.PassDetectorFactory;
import dev.autolabel.labeling.PassDetectors;
import dev.autolabel.model.TextEmbeddings;
import dev.autolabel.quality.CocoGroundTruth;
import dev.autolabel.quality.EvaluationJson;
import dev.autolabel.quality.EvaluationReport;
import dev.autolabel.quality.GroundTruthLabeler;
import dev.autolabel.quality.QualityEvaluation;
import dev.autolabel.quality.RunRows;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code autolabel eval}: COCO metrics of pass 1 alone, pass 2 alone, their plain union (with NMS) and the
 * gap-fill merge on a labeled set, computed in-process (no Spark); optionally of a finished run's output too.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate label quality against COCO ground truth: runs the config's passes on the ground-truth "
                + "images and prints AP, AP50, AP75, AR100 and precision/recall/F1 at the operating point for pass 1 "
                + "only, pass 2 only, the plain union (with NMS) and the gap-fill merge; writes the metrics as JSON.")
final class EvalCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ConfigOptions options;

    @Option(names = "--ground-truth", required = true, paramLabel = "COCO_JSON",
            description = "COCO instances JSON (images, categories, annotations): local path or URI. Labels count "
                    + "for the category of the same name.")
    String groundTruth;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Folder or URI prefix the file_name entries are relative to (default: the folder of the ground truth).")
    String images;

    @Option(names = "--run", paramLabel = "RUN_ID",
            description = "Also evaluate this run's output (<run.output>/<RUN_ID>/part-*.parquet) as the 'run output' row.")
    String run;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "eval.json",
            description = "Where to write the metrics as JSON (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintStream stdout = System.out;
        AutolabelConfig config = ConfigLoader.load(options.config, options.overrides());
        try (BlobStore store = BlobStores.create(config.storage())) {
            CocoGroundTruth truth = readTruth(store, groundTruth);
            QualityEvaluation evaluation = new QualityEvaluation(truth);
            PassDetectors passes = PassDetectorFactory.create(config, embeddings(store, config), new ModelLocator(store),
                    config.execution());
            GroundTruthLabeler labeler = new GroundTruthLabeler(store, new ImageIoDecoder(config.image()), passes,
                    config.precision().params().nmsIou());
            long start = System.nanoTime();
            labeler.label(truth, images != null ? images : parentOf(groundTruth), evaluation);
            double seconds = (System.nanoTime() - start) / 1e9;
            Optional<RunRows> rows = run == null ? Optional.empty() : Optional.of(addRun(store, config, evaluation));
            EvaluationReport report = evaluation.report();
            stdout.printf("%d images, %d objects, %d categories (%s)%n%n", report.images(), report.groundTruths(),
                    report.categories().size(), groundTruth);
            stdout.println(report.table());
            stdout.println(report.areaTable());
            stdout.println(report.perClassTable());
            stdout.println("P, R, F1: every label kept, matched at IoU 0.5; AP, AR: COCO protocol (IoU .50:.95, 101 points).");
            stdout.println(inferenceLine(labeler.counts(), seconds));
            rows.ifPresent(r -> stdout.printf("run %s: %d rows, %d matched to ground-truth images (%d failed), "
                    + "%d outside the ground truth, %d repeated%n", run, r.rows(), r.matched(), r.failed(),
                    r.outsideGroundTruth(), r.repeated()));
            writeJson(report, config, PassDetectorFactory.modelHashes(config, new ModelLocator(store), config.execution()));
            stdout.println("metrics: " + out);
        }
        return 0;
    }

    /** What went through the models (tiles per image: the inference cost of tiling) and the labeling time. */
    static String inferenceLine(InferenceCounts counts, double seconds) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "labeled %d images in %.1f s (%.2f images/s, one "
                + "thread decoding); %d tiled", counts.images(), seconds, counts.images() / Math.max(1e-9, seconds),
                counts.tiledImages()));
        for (InferenceCounts.Pass pass : InferenceCounts.Pass.values()) {
            if (counts.modelInputs(pass) > 0) {
                b.append(String.format(Locale.ROOT, "; %s: %.1f model inputs per image (%d whole, %d tiles)", pass.key(),
                        (double) counts.modelInputs(pass) / Math.max(1, counts.images()), counts.fullViews(pass),
                        counts.tiles(pass)));
            }
        }
        return b.toString();
    }

    /** An unreadable or malformed ground truth is the user's to fix: a one-line error, exit code 2. */
    static CocoGroundTruth readTruth(BlobStore store, String groundTruth) {
        try (InputStream in = store.open(groundTruth)) {
            return CocoGroundTruth.read(in, groundTruth);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --ground-truth " + groundTruth + ": " + e.getMessage(), e);
        }
    }

    private static Optional<TextEmbeddings> embeddings(BlobStore store, AutolabelConfig config) {
        return config.openVocab().flatMap(ov -> EmbeddingsLoader.loadIfConfigured(store, ov));
    }

    private RunRows addRun(BlobStore store, AutolabelConfig config, QualityEvaluation evaluation) throws IOException {
        RunReader reader;
        try {
            reader = new RunReader(store, new RunLayout(config.run().output(), run));
        } catch (IOException e) {
            throw new IllegalArgumentException("--run " + run + ": " + e.getMessage(), e);
        }
        try (reader) {
            return evaluation.addRun(reader);
        }
    }

    private void writeJson(EvaluationReport report, AutolabelConfig config, Map<String, String> modelHashes) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("ground_truth", groundTruth);
        root.put("config", options.config.toString());
        root.put("labeling_config_hash", config.labelingConfigHash());
        ObjectNode hashes = root.putObject("model_hashes");
        modelHashes.forEach(hashes::put);
        if (run != null) {
            root.put("run", run);
        }
        root.setAll(EvaluationJson.of(report));
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), root);
    }

    /** The folder (or URI prefix) holding a file: everything before its last '/', or "" for a bare name. */
    static String parentOf(String location) {
        int slash = location.lastIndexOf('/');
        return slash < 0 ? "" : location.substring(0, slash);
    }
}
