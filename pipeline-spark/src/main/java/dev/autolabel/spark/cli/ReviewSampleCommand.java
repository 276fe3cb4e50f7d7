package dev.autolabel.spark.cli;

import dev.autolabel.calibration.ClassStrata;
import dev.autolabel.calibration.ReviewSample;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.spark.export.ReviewTasksWriter;
import dev.autolabel.spark.export.RunSource;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.review.ReviewStore;
import dev.autolabel.spark.review.SampleDrawer;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code autolabel review sample}: a stratified, seeded review sample of a run, for Label Studio and as COCO. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw a stratified review sample of a finished run: per pass and class, --per-class labels spread "
                + "over --bands score bands (uniformly at random within each, seeded: the same settings draw the same "
                + "sample). Writes Label Studio tasks (every label of a sampled image as a pre-annotation), the labeling "
                + "config, COCO and the sample design to --out, and the design to RUN/reviews/ for the import.")
final class ReviewSampleCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR",
            description = "The run folder <output>/<run-id>: local path, file:// or s3:// URI.")
    String run;

    @Option(names = "--per-class", required = true, paramLabel = "N",
            description = "Labels to draw per pass and class (all of them when a class has fewer).")
    int perClass;

    @Option(names = "--bands", paramLabel = "B", defaultValue = "4",
            description = "Score bands per class, equal widths from its lowest score up to 1 (default ${DEFAULT-VALUE}).")
    int bands;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Local folder for the review files.")
    Path out;

    @Option(names = "--model-version", paramLabel = "TAG",
            description = "Label Studio prediction tag (default autolabel-<run-id>).")
    String modelVersion;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A config whose storage.s3 settings reach the run (endpoint, credentials).")
    Path config;

    @Override
    public Integer call() throws Exception {
        RunLayout layout = RunSource.layoutOf(run);
        try (BlobStore store = BlobStores.create(ConfigLoader.storageOnly(Optional.ofNullable(config)))) {
            RunSource source = new RunSource(store, layout);
            source.checkExists();
            ReviewSample sample = new SampleDrawer(source).draw(seed, perClass, bands);
            ReviewStore reviews = new ReviewStore(store, layout);
            reviews.save(sample);
            var files = ReviewTasksWriter.write(sample, out, modelVersion != null ? modelVersion : "autolabel-" + layout.runId());
            System.out.printf("[autolabel] review sample %s of run %s: %d labels drawn in %d images%n", sample.sampleId(),
                    layout.runId(), sample.sampledLabels(), sample.images().size());
            for (ClassStrata c : sample.classes()) {
                System.out.printf("[autolabel]   %-28s %6d labels, %4d drawn over %d bands%n", c.key(), c.population(),
                        c.sampled(), c.bands());
            }
            System.out.println("[autolabel] design: " + reviews.sampleUri(sample.sampleId()));
            files.forEach(f -> System.out.println("[autolabel]   " + f));
            return 0;
        }
    }
}
