package dev.autolabel.spark.cli;

import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunRequest;
import dev.autolabel.spark.job.RunSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code autolabel run}: label a manifest and write shards and run.json. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Label every image of the manifest; write <output>/<run-id>/part-*.parquet and run.json.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not launched by spark-submit (default: spark.master if set, else local[*]).")
    String master;

    @Option(names = "--since", paramLabel = "RUN_ID",
            description = "Incremental run (run.since): copy the labels of images unchanged since run RUN_ID (same output,"
                    + " same models and config); only new or changed images are labeled.")
    String since;

    @Override
    public Integer call() throws Exception {
        try (JavaSparkContext spark = new JavaSparkContext(SparkConfs.forCommand("autolabel", Optional.ofNullable(master)))) {
            spark.setLogLevel("WARN");
            RunSummary summary = new LabelingJob(spark, System.out).run(new RunRequest(options.config, overrides()));
            System.out.printf("[autolabel] done: %d images (%d labeled, %d failed) in %.1f s, %.1f images/s%n",
                    summary.images(), summary.labeled(), summary.failed(), summary.wallSeconds(), summary.imagesPerSecond());
            System.out.printf("[autolabel] shards: %s/part-*.parquet%n[autolabel] summary: %s/run.json%n",
                    summary.runDir(), summary.runDir());
            return 0;
        }
    }

    private Map<String, String> overrides() {
        Map<String, String> all = new LinkedHashMap<>(options.overrides());
        if (since != null) {
            all.put("run.since", since);
        }
        return all;
    }
}
