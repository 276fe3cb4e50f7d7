package dev.autolabel.spark.cli;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.report.RunReport;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code autolabel report}: (re)write a run's report.html, optionally with drift against a previous run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the run report (self-contained HTML): counts, failures, classes, scores, timings, "
                + "drift against --compare, and a gallery of images to review. Runs write it by themselves too.")
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, paramLabel = "RUN",
            description = "The run folder or URI: OUTPUT/RUN_ID (local path, file:// or s3://).")
    String run;

    @Option(names = "--compare", paramLabel = "RUN", description = "A previous run to compare with (drift section).")
    String compare;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the report (default: RUN/report.html).")
    String out;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config whose storage (S3 endpoint, credentials) and image settings to use; default: reference.conf.")
    Path config;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Overrides a config key, as for run.")
    Map<String, String> set = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        AutolabelConfig settings = settings(Optional.ofNullable(config), set);
        RunLayout layout = RunReport.layoutOf(run);
        Optional<RunLayout> previous = Optional.ofNullable(compare).map(RunReport::layoutOf);
        String target = out != null ? out : layout.reportUri();
        try (BlobStore store = BlobStores.create(settings.storage())) {
            requireRun(store, layout);
            if (previous.isPresent()) {
                requireRun(store, previous.get());
            }
            RunReport.write(store, settings.image(), layout, previous, target, System.err);
        }
        System.out.println("[autolabel] report: " + target);
        return 0;
    }

    /**
     * Only storage and image limits matter here. Without a config file: reference.conf, with the keys a run must
     * set (its models) filled by placeholders that are never opened.
     */
    static AutolabelConfig settings(Optional<Path> config, Map<String, String> set) {
        if (config.isPresent()) {
            return ConfigLoader.load(config.get(), set);
        }
        Map<String, String> overrides = new LinkedHashMap<>(Map.of("precision.model", "unused-by-report",
                "open-vocab.enabled", "false"));
        overrides.putAll(set);
        return ConfigLoader.fromConfig(ConfigFactory.empty(), overrides);
    }

    private static void requireRun(BlobStore store, RunLayout layout) throws IOException {
        if (store.list(layout.runDir() + "/part-").isEmpty() && !store.exists(layout.runSummaryUri())) {
            throw new IllegalArgumentException("no run at " + layout.runDir() + " (no part-*.parquet and no run.json)");
        }
    }
}
