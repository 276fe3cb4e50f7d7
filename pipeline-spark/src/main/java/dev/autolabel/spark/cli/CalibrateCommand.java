package dev.autolabel.spark.cli;

import dev.autolabel.calibration.CalibrationConfig;
import dev.autolabel.calibration.CalibrationResult;
import dev.autolabel.calibration.Calibrator;
import dev.autolabel.calibration.ClassDecision;
import dev.autolabel.calibration.CurvePoint;
import dev.autolabel.calibration.PrecisionEstimator;
import dev.autolabel.calibration.ReviewSet;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.spark.export.RunSource;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.report.RunReport;
import dev.autolabel.spark.review.ReviewStore;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code autolabel calibrate}: per-class thresholds that meet a precision target, from a run's review set. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Estimate each pass and class's precision and recall against its score threshold from a review "
                + "set (weighted by the sampling design, with Wilson or Clopper-Pearson intervals), pick per class the "
                + "lowest threshold whose interval's lower bound reaches --target-precision (or switch the class off), "
                + "and write a config file for the next run to include. Adds a calibration section to the run's report.")
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR",
            description = "The reviewed run folder <output>/<run-id>: local path, file:// or s3:// URI.")
    String run;

    @Option(names = "--review", paramLabel = "SET",
            description = "Review set name (review-002) or URI (default: the run's latest).")
    String review;

    @Mixin
    TargetOptions targetOptions;

    @Option(names = "--min-reviews", paramLabel = "N", defaultValue = "30",
            description = "Reviewed labels a class needs before it is decided (default ${DEFAULT-VALUE}).")
    int minReviews;

    @Option(names = "--undecided", paramLabel = "keep|off", defaultValue = "keep",
            description = "Classes the reviews cannot decide: keep the thresholds of the config they run with, or switch "
                    + "them off (default ${DEFAULT-VALUE}).")
    String undecided;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The calibration config file to write (include it at the end of the next run's config).")
    Path out;

    @Option(names = "--no-report", description = "Do not rewrite the run's report.html with the calibration section.")
    boolean noReport;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config whose storage (S3 endpoint, credentials) and image settings to use; default: reference.conf.")
    Path config;

    @Override
    public Integer call() throws Exception {
        RunLayout layout = RunSource.layoutOf(run);
        if (!undecided.equals("keep") && !undecided.equals("off")) {
            throw new IllegalArgumentException("--undecided must be keep or off, got '" + undecided + "'");
        }
        double target = targetOptions.target();
        double confidence = targetOptions.confidence;
        Calibrator calibrator = new Calibrator(target, minReviews, new PrecisionEstimator(targetOptions.method(), confidence));
        AutolabelConfig settings = ReportCommand.settings(Optional.ofNullable(config), new LinkedHashMap<>());
        try (BlobStore store = BlobStores.create(settings.storage())) {
            ReviewStore reviews = new ReviewStore(store, layout);
            ReviewStore.Stored<ReviewSet> set = reviews.reviewSet(Optional.ofNullable(review));
            Instant now = Instant.now();
            CalibrationResult[] result = new CalibrationResult[1];
            String uri = reviews.addCalibration(name -> result[0] = new CalibrationResult(name, now, layout.runDir(),
                    set.uri(), set.sha256(), target, calibrator.estimator().method(), confidence, minReviews,
                    undecided.equals("off"), calibrator.decide(set.value())));
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(out, CalibrationConfig.render(result[0]), StandardCharsets.UTF_8);
            System.out.print(table(result[0]));
            System.out.printf("[autolabel] review set %s (sha256 %s): %d reviewed labels%n", set.uri(), set.sha256(),
                    set.value().reviewedLabels());
            System.out.println("[autolabel] calibration: " + uri);
            System.out.println("[autolabel] config for the next run (include it last): " + out);
            if (!noReport) {
                RunReport.write(store, settings.image(), layout, Optional.empty(), layout.reportUri(), System.err);
                System.out.println("[autolabel] report with the calibration section: " + layout.reportUri());
            }
            return 0;
        }
    }

    static String table(CalibrationResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "target precision %.3f, %s %.0f%% intervals, at least %d reviews per class%n",
                r.target(), r.method().cliName(), 100 * r.confidence(), r.minReviews()));
        b.append(String.format(Locale.ROOT, "%-26s %7s %8s %-11s %9s %9s %-17s %7s  %s%n", "pass/class", "labels",
                "reviewed", "decision", "threshold", "precision", "interval", "recall", "why"));
        for (ClassDecision d : r.decisions()) {
            Optional<CurvePoint> at = d.threshold().flatMap(t -> d.curve().at(t)).or(() -> d.curve().first());
            String decision = r.switchesOff(d) ? "off" : d.outcome().name().toLowerCase(Locale.ROOT);
            String why = d.reason() + d.moreReviews().stream().mapToObj(n -> String.format(Locale.ROOT,
                    "; about %d more reviews scoring >= %.2f", n, d.moreReviewsAbove().orElseThrow())).findFirst().orElse("");
            b.append(String.format(Locale.ROOT, "%-26s %7d %8d %-11s %9s %9s %-17s %7s  %s%n", d.key(),
                    d.curve().population(), d.curve().reviewed(), decision,
                    d.threshold().map(t -> String.format(Locale.ROOT, "%.2f", t)).orElse("-"),
                    at.map(p -> String.format(Locale.ROOT, "%.3f", p.precision())).orElse("-"),
                    at.map(p -> String.format(Locale.ROOT, "[%.3f, %.3f]", p.interval().lower(), p.interval().upper())).orElse("-"),
                    at.flatMap(p -> p.recall().isPresent() ? Optional.of(String.format(Locale.ROOT, "%.3f",
                            p.recall().getAsDouble())) : Optional.empty()).orElse("-"),
                    why));
        }
        return b.toString();
    }
}
