package dev.autolabel.spark.cli;

import dev.autolabel.config.ConfigLoader;
import dev.autolabel.label.Source;
import dev.autolabel.spark.export.ExportFormat;
import dev.autolabel.spark.export.ExportRequest;
import dev.autolabel.spark.export.ExportResult;
import dev.autolabel.spark.export.ExportView;
import dev.autolabel.spark.export.Exporter;
import dev.autolabel.spark.export.FileLimits;
import dev.autolabel.spark.export.RunSource;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code autolabel export}: a finished run as COCO, YOLO or Label Studio files, or its review queue. No Spark needed:
 * shards are read and rendered on a thread pool of this process (the files go to a local folder).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a finished run (streamed from its shards, several at a time) as COCO JSON, YOLO label folders "
                + "or Label Studio tasks; optionally a class-balanced subset (--max-per-class) or the review queue "
                + "(--review-top).")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR",
            description = "The run folder <output>/<run-id>: local path, file:// or s3:// URI.")
    String run;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "coco | yolo | labelstudio. Required, except with --review-top (default labelstudio).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Local folder for the export's files.")
    Path out;

    @Option(names = "--min-score", paramLabel = "S", defaultValue = "0",
            description = "Leave out labels scoring below S (default ${DEFAULT-VALUE}).")
    float minScore;

    @Option(names = "--sources", paramLabel = "SOURCE", split = ",",
            description = "Only labels from these passes: precise, open_vocab (default both).")
    List<String> sources;

    @Option(names = "--max-per-class", paramLabel = "N",
            description = "A class-balanced subset: rarest labels first, no label in more than N images.")
    Integer maxPerClass;

    @Option(names = "--review-top", paramLabel = "K",
            description = "The review queue: the K most uncertain images, most uncertain first.")
    Integer reviewTop;

    @Option(names = "--model-version", paramLabel = "TAG",
            description = "Label Studio prediction tag (default autolabel-<run-id>).")
    String modelVersion;

    @Option(names = "--max-annotations-per-file", paramLabel = "N", defaultValue = "1000000",
            description = "Split COCO and Label Studio exports into numbered files (coco-00000.json ...) of whole "
                    + "shards holding at most N boxes each (a single larger shard gets a file of its own); "
                    + "default ${DEFAULT-VALUE}.")
    long maxAnnotationsPerFile;

    @Option(names = "--max-files-per-folder", paramLabel = "N", defaultValue = "10000",
            description = "YOLO exports of more than N images put their label files into numbered subfolders "
                    + "labels/00000/ ... of N files each; default ${DEFAULT-VALUE}.")
    int maxFilesPerFolder;

    @Option(names = "--threads", paramLabel = "N",
            description = "Shards read and rendered at a time (default: the number of cores).")
    Integer threads;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A config whose storage.s3 settings reach the run (endpoint, credentials); without it, "
                    + "reference.conf, AUTOLABEL_S3_ENDPOINT/AWS_REGION and the AWS default credential chain apply.")
    Path config;

    @Override
    public Integer call() throws Exception {
        RunLayout layout = RunSource.layoutOf(run);
        ExportRequest request = new ExportRequest(format(), out, view(),
                maxPerClass == null ? OptionalInt.empty() : OptionalInt.of(maxPerClass),
                reviewTop == null ? OptionalInt.empty() : OptionalInt.of(reviewTop),
                modelVersion != null ? modelVersion : "autolabel-" + layout.runId(),
                new FileLimits(maxAnnotationsPerFile, maxFilesPerFolder));
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        try (BlobStore store = BlobStores.create(ConfigLoader.storageOnly(Optional.ofNullable(config)))) {
            RunSource source = new RunSource(store, layout);
            source.checkExists();
            ExportResult result = new Exporter(source, System.err, Duration.ofSeconds(5), workers).export(request);
            System.out.printf("[autolabel] exported %d images, %d boxes (%s) from %s%n", result.images(), result.boxes(),
                    result.format().cliName(), layout.runDir());
            result.files().forEach(f -> System.out.println("[autolabel]   " + f));
            return 0;
        }
    }

    private ExportFormat format() {
        if (format != null) {
            return ExportFormat.fromCliName(format);
        }
        if (reviewTop != null) {
            return ExportFormat.LABEL_STUDIO;
        }
        throw new IllegalArgumentException("--format is required: coco, yolo or labelstudio");
    }

    private ExportView view() {
        if (sources == null) {
            return new ExportView(minScore, Set.of(Source.values()));
        }
        Set<Source> chosen = new LinkedHashSet<>();
        sources.forEach(s -> chosen.add(Source.fromWireName(s.strip())));
        return new ExportView(minScore, chosen);
    }
}
