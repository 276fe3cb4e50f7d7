package dev.autolabel.spark.job;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.config.FailurePolicy;
import dev.autolabel.config.RunSettings;
import dev.autolabel.labeling.ModelCheck;
import dev.autolabel.manifest.ManifestReader;
import dev.autolabel.manifest.Manifests;
import dev.autolabel.model.ExecutionSettings;
import dev.autolabel.model.ModelException;
import dev.autolabel.spark.incremental.ParentIndex;
import dev.autolabel.spark.report.RunReport;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of a run: resolve config, models and embeddings once, cut the manifest into shards, label
 * them on the executors (one partition per shard), then total the committed shards into {@code run.json} and
 * write {@code report.html}. When too many rows fail ({@code run.max-failure-ratio}) the job is cancelled, the
 * committed shards are kept, and {@link FailureRatioExceededException} ends the run after run.json is written.
 */
public final class LabelingJob {

    private static final Logger LOG = LoggerFactory.getLogger(LabelingJob.class);
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final JavaSparkContext spark;
    private final PrintStream console;

    public LabelingJob(JavaSparkContext spark, PrintStream console) {
        this.spark = spark;
        this.console = console;
    }

    public RunSummary run(RunRequest request) throws IOException {
        Instant started = Instant.now();
        String portable = ConfigLoader.portableText(request.configFile(), request.overrides());
        AutolabelConfig config = ConfigLoader.fromPortableText(portable);
        String runId = config.run().runId().orElseGet(() -> RUN_ID.format(started));
        RunSettings.checkRunId(runId);
        RunLayout layout = new RunLayout(config.run().output(), runId);
        try (BlobStore store = BlobStores.create(config.storage())) {
            // Opening the models here fails fast on a missing model or a pin mismatch. In local mode the driver is
            // the executor, so it opens them as the tasks will (shared sessions); on a cluster it stays on CPU.
            ExecutionSettings driverExec = spark.isLocal() ? config.execution() : ExecutionSettings.cpu();
            GpuScheduling.mismatch(spark.getConf(), config.execution().tasksPerGpu()).ifPresent(LOG::warn);
            // Every model is recognised, decoded and run once on a synthetic image here, before any Spark job: a
            // mismatch stops the run with one line (ModelException) instead of failing every task.
            ModelCheck.Result check = ModelCheck.run(config, store, driverExec);
            check.passes().forEach(p -> console.printf("[autolabel] %s: %s%n", p.pass(), p.detector().adapter().describe()));
            Map<String, String> modelHashes = check.modelHashes();
            EmbeddingMatrix embeddings = check.embeddings().map(EmbeddingMatrix::of).orElse(EmbeddingMatrix.NONE);
            ParentIndex parent = parentIndex(store, config, modelHashes);
            List<ShardInput> shards = readShards(store, config);
            long total = shards.stream().mapToLong(s -> s.rows().size()).sum();
            console.printf("[autolabel] run %s: %d images in %d shards -> %s%n", runId, total, shards.size(), layout.runDir());
            CommittedShards committed = new CommittedShards(store, layout);
            Set<String> committedBefore = committed.markers();
            ShardCounters counters = ShardCounters.register(spark);
            Optional<List<ShardSummary>> results = label(portable, layout, embeddings, parent, shards, total, config,
                    counters);
            Optional<String> modelError = counters.firstModelError();
            List<ShardSummary> kept = results.isPresent() && modelError.isEmpty() ? results.get()
                    : keepCommitted(committed, committedBefore);
            RunSummary summary = new RunSummary(runId, config.manifest().uri().orElseThrow(), layout.runDir(), started,
                    Instant.now(), kept, config.labelingConfigHash(), modelHashes, spark.master(), executorCount(),
                    config.effectiveConfigJson(), config.run().since(), modelError.isPresent()
                            ? RunStatus.FAILED_MODEL_ERROR : status(results.isPresent(), kept, config.run().failurePolicy()));
            store.write(layout.runSummaryUri(), summary.toJson());
            if (modelError.isPresent()) {
                throw new ModelException("a model failed on an executor: " + ModelCheck.firstLine(modelError.get())
                        + " (run.json status FAILED_MODEL_ERROR; " + kept.size() + " committed shard(s) kept, rerun with"
                        + " --run-id " + runId + " to resume)");
            }
            if (summary.status() == RunStatus.STOPPED_FAILURE_RATIO) {
                throw new FailureRatioExceededException(
                        StopMessage.of(summary, shards.size(), config.run().failurePolicy()), summary);
            }
            config.run().since().ifPresent(since -> console.printf(
                    "[autolabel] incremental: %d rows copied from run %s, %d labeled%n",
                    summary.rowsFromParent(), since, summary.rowsLabeled()));
            writeReport(store, config, layout);
            return summary;
        }
    }

    /**
     * The reusable rows of the parent run named by run.since (streamed once on the driver), or NONE. Rows labeled
     * by other models or another labeling config are left out, so a changed model or config relabels everything.
     */
    private ParentIndex parentIndex(BlobStore store, AutolabelConfig config, Map<String, String> modelHashes)
            throws IOException {
        if (config.run().since().isEmpty()) {
            return ParentIndex.NONE;
        }
        RunLayout parentLayout = new RunLayout(config.run().output(), config.run().since().get());
        ParentIndex parent;
        try {
            parent = ParentIndex.read(store, parentLayout, modelHashes, config.labelingConfigHash());
        } catch (IOException e) {
            throw new IOException("cannot read the parent run (run.since) at " + parentLayout.runDir() + ": "
                    + e.getMessage(), e);
        }
        console.printf("[autolabel] incremental since run %s: %d of its rows are reusable (same models and config)%n",
                parentLayout.runId(), parent.size());
        return parent;
    }

    /** The report is for people: a failure to write it is reported and does not fail the run. */
    private void writeReport(BlobStore store, AutolabelConfig config, RunLayout layout) {
        try {
            RunReport.write(store, config.image(), layout, Optional.empty(), layout.reportUri(), System.err);
            console.printf("[autolabel] report: %s%n", layout.reportUri());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not write the run report " + layout.reportUri(), e);
            console.printf("[autolabel] report not written (%s); retry with: autolabel report --run %s%n", e, layout.runDir());
        }
    }

    private List<ShardInput> readShards(BlobStore store, AutolabelConfig config) throws IOException {
        try (ManifestReader reader = Manifests.open(store, config.manifest())) {
            return ShardPlanner.plan(reader, config.run().imagesPerShard());
        }
    }

    /** The shard results, or empty when the failure ratio or a model error on an executor stopped the job. */
    private Optional<List<ShardSummary>> label(String portable, RunLayout layout, EmbeddingMatrix embeddings,
            ParentIndex parent, List<ShardInput> shards, long total, AutolabelConfig config, ShardCounters counters) {
        if (shards.isEmpty()) {
            return Optional.of(List.of());
        }
        Broadcast<EmbeddingMatrix> shared = spark.broadcast(embeddings);
        Broadcast<ParentIndex> sharedParent = spark.broadcast(parent);
        String group = "autolabel-" + layout.runId() + "-" + System.nanoTime();
        // No thread interrupts on cancel: a killed task stops at its next batch (ShardTask checks), and reads
        // interrupted mid-request would only produce bogus rows.
        spark.setJobGroup(group, "autolabel " + layout.runId() + ": label " + total + " images", false);
        try (ProgressReporter progress = new ProgressReporter(total, counters.done()::value, counters.failed()::value,
                config.run().progressInterval(), console);
                FailureRatioWatch watch = new FailureRatioWatch(config.run().failurePolicy(), counters::labeledNow,
                        counters::failedNow, () -> counters.firstModelError().isPresent(),
                        () -> spark.cancelJobGroup(group))) {
            try {
                return Optional.of(spark.parallelize(shards, shards.size())
                        .mapPartitions(new ShardTask(portable, layout, shared, counters, sharedParent))
                        .collect());
            } catch (Exception e) {
                // collect() throws SparkException (undeclared in Java) when the watch cancelled the job.
                if (watch.tripped().isPresent() || counters.firstModelError().isPresent()) {
                    return Optional.empty();
                }
                throw e;
            }
        } finally {
            spark.clearJobGroup();
        }
    }

    /** After a stop: let cancelled tasks end, drop their half-written shards, and total what was committed. */
    private List<ShardSummary> keepCommitted(CommittedShards committed, Set<String> before) throws IOException {
        new TaskDrain(spark).await();
        int dropped = committed.deleteUncommitted();
        if (dropped > 0) {
            console.printf("[autolabel] removed %d shard file(s) of cancelled tasks (never committed)%n", dropped);
        }
        return committed.read(before);
    }

    /** A run whose freshly labeled rows failed over the limit ends as stopped even if every shard finished. */
    private static RunStatus status(boolean finished, List<ShardSummary> shards, FailurePolicy policy) {
        long images = shards.stream().filter(s -> !s.reused()).mapToLong(s -> s.images() - s.rowsFromParent()).sum();
        long failed = shards.stream().filter(s -> !s.reused()).mapToLong(ShardSummary::failed).sum();
        return finished && !policy.exceeded(images, failed) ? RunStatus.COMPLETED : RunStatus.STOPPED_FAILURE_RATIO;
    }

    /** Executors other than the driver; in local mode the driver is the executor. */
    private int executorCount() {
        int all = spark.sc().statusTracker().getExecutorInfos().length;
        return spark.isLocal() ? 1 : Math.max(0, all - 1);
    }
}
