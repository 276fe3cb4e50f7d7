package dev.autolabel.spark.cli;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.report.LocalGatherer;
import dev.autolabel.spark.report.RunReport;
import dev.autolabel.spark.report.SparkGatherer;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
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

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for runs written before report partials existed, whose partials are computed "
                    + "from the shards with Spark (default: spark.master if set, else local[*]). Unused otherwise.")
    String master;

    @Override
    public Integer call() throws Exception {
        AutolabelConfig settings = settings(Optional.ofNullable(config), set);
        RunLayout layout = RunReport.layoutOf(run);
        Optional<RunLayout> previous = Optional.ofNullable(compare).map(RunReport::layoutOf);
        String target = out != null ? out : layout.reportUri();
        try (BlobStore store = BlobStores.create(settings.storage())) {
            // Lists the run's shards, which also stops with "no run at ..." when there is none.
            long missing = RunReport.shardsWithoutPartial(store, layout);
            if (previous.isPresent()) {
                missing += RunReport.shardsWithoutPartial(store, previous.get());
            }
            if (missing == 0) {
                RunReport.write(store, settings.image(), layout, previous, target,
                        LocalGatherer.forThisMachine(store), System.err);
            } else {
                withSpark(missing, spark -> RunReport.write(store, settings.image(), layout, previous, target,
                        new SparkGatherer(spark, portableConfig()), System.err));
            }
        }
        System.out.println("[autolabel] report: " + target);
        return 0;
    }

    private interface SparkWork {
        void run(JavaSparkContext spark) throws IOException;
    }

    /** Shards without a partial (an older run): computing theirs is a pass over those shards, done by Spark tasks. */
    private void withSpark(long missing, SparkWork work) throws IOException {
        SparkConf conf = SparkConfs.forCommand("autolabel report", Optional.ofNullable(master));
        System.err.printf("[autolabel] report: %d shard(s) have no report partial (run written before partials "
                + "existed); computing them from the shards with Spark (%s)%n", missing, conf.get("spark.master"));
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel("WARN");
            work.run(spark);
        }
    }

    /**
     * Only storage and image limits matter here. Without a config file: reference.conf, with the keys a run must
     * set (its models) filled by placeholders that are never opened.
     */
    static AutolabelConfig settings(Optional<Path> config, Map<String, String> set) {
        return config.isPresent() ? ConfigLoader.load(config.get(), set)
                : ConfigLoader.fromConfig(ConfigFactory.empty(), overrides(set));
    }

    /** The same settings as text for Spark executors (they build their storage from it). */
    private String portableConfig() {
        return config != null ? ConfigLoader.portableText(config, set) : ConfigLoader.portableText(overrides(set));
    }

    private static Map<String, String> overrides(Map<String, String> set) {
        Map<String, String> overrides = new LinkedHashMap<>(Map.of("precision.model", "unused-by-report",
                "open-vocab.enabled", "false"));
        overrides.putAll(set);
        return overrides;
    }
}
