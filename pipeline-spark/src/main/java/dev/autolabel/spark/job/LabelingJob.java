package dev.autolabel.spark.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.config.FailurePolicy;
import dev.autolabel.config.RunSettings;
import dev.autolabel.labeling.ModelCheck;
import dev.autolabel.manifest.ManifestFormat;
import dev.autolabel.model.ExecutionSettings;
import dev.autolabel.model.ModelException;
import dev.autolabel.spark.incremental.ParentJoin;
import dev.autolabel.spark.input.HadoopS3;
import dev.autolabel.spark.input.ManifestInput;
import dev.autolabel.spark.input.ManifestRows;
import dev.autolabel.spark.input.RowFilter;
import dev.autolabel.spark.listing.ObjectListing;
import dev.autolabel.spark.report.RunReport;
import dev.autolabel.spark.report.SparkGatherer;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of a run: resolve config, models and embeddings once, have Spark count the manifest's rows on the
 * executors (the driver holds one entry per manifest split and one bit per shard, never rows), label the shards on
 * the executors (rows reach their shard's task through a shuffle keyed by shard number = row index /
 * images-per-shard; one partition per shard), then total the committed shards' markers into {@code run.json} and
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
            Optional<ParentJoin> parent = ParentJoin.of(store, config, modelHashes, portable);
            SparkSession session = SparkSession.builder().sparkContext(spark.sc()).getOrCreate();
            HadoopS3.apply(spark.hadoopConfiguration(), config.storage().s3());

            RunLayout fresh = new RunLayout(config.run().output(), runId);
            CommittedShards.Scan before = new CommittedShards(store, fresh).scan();
            RunLayout layout = fresh.withDigits(before.digits());
            CommittedShards committed = new CommittedShards(store, layout);
            committed.deleteUncommitted();

            ManifestInput manifest = manifest(session, store, config, layout, portable);
            Plan plan = Plan.of(manifest.rows(), config.run().imagesPerShard(), before);
            console.printf("[autolabel] run %s: %d images in %d shard%s -> %s%s%n", runId, plan.rows(), plan.shards(),
                    plan.shards() == 1 ? "" : "s", layout.runDir(), before.count() == 0 ? ""
                            : String.format(" (%d shards already committed: resuming)", before.count()));
            parent.ifPresent(p -> console.printf("[autolabel] incremental since run %s%n", p.runId()));
            ShardCounters counters = ShardCounters.register(spark);
            boolean finished = label(portable, layout, embeddings, parent, manifest, plan, config, session, counters);
            Optional<String> modelError = counters.firstModelError();
            if (!finished || modelError.isPresent()) {
                new TaskDrain(spark).await();
                int dropped = committed.deleteUncommitted();
                if (dropped > 0) {
                    console.printf("[autolabel] removed %d shard file(s) of cancelled tasks (never committed)%n", dropped);
                }
            }
            // One listing of the markers, so that the executors read only those that exist.
            RunTotals totals = CommittedTotals.read(spark, portable, layout, plan.shards(), committed.scan().shards(),
                    before.shards());
            RunSummary summary = new RunSummary(runId, config.manifest().uri().orElseThrow(), layout.runDir(), started,
                    Instant.now(), totals, config.labelingConfigHash(), modelHashes, spark.master(), executorCount(),
                    config.effectiveConfigJson(), config.run().since(), modelError.isPresent()
                            ? RunStatus.FAILED_MODEL_ERROR : status(finished, totals, config.run().failurePolicy()),
                    Optional.of(RunThresholds.of(config)));
            store.write(layout.runSummaryUri(), summary.toJson());
            if (modelError.isPresent()) {
                throw new ModelException("a model failed on an executor: " + ModelCheck.firstLine(modelError.get())
                        + " (run.json status FAILED_MODEL_ERROR; " + totals.shards() + " committed shard(s) kept, rerun with"
                        + " --run-id " + runId + " to resume)");
            }
            if (summary.status() == RunStatus.STOPPED_FAILURE_RATIO) {
                throw new FailureRatioExceededException(
                        StopMessage.of(summary, plan.shards(), config.run().failurePolicy()), summary);
            }
            config.run().since().ifPresent(since -> console.printf(
                    "[autolabel] incremental: %d rows copied from run %s, %d labeled%n",
                    summary.rowsFromParent(), since, summary.rowsLabeled()));
            writeReport(store, config, layout, portable);
            return summary;
        }
    }

    /** The run's manifest, counted: the configured one, or for a listing input the run's saved listing. */
    private ManifestInput manifest(SparkSession session, BlobStore store, AutolabelConfig config, RunLayout layout,
            String portable) throws IOException {
        if (!config.manifest().format().equals(ManifestFormat.LISTING.configName())) {
            return ManifestInput.count(session, config.manifest());
        }
        String listing = ObjectListing.saveOrReuse(session, store, config.manifest(), layout, portable, console);
        return ManifestInput.countListing(session, listing, config.manifest().uri().orElseThrow());
    }

    /** The shards of a manifest: how many rows, how many shards, and which were committed before this run. */
    record Plan(long rows, int perShard, long shards, CommittedShards.Scan before) {

        static Plan of(long rows, int perShard, CommittedShards.Scan before) {
            long shards = (rows + perShard - 1) / perShard;
            if (shards > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(rows + " manifest rows at run.images-per-shard = " + perShard
                        + " make more than " + Integer.MAX_VALUE + " shards: raise run.images-per-shard");
            }
            return new Plan(rows, perShard, shards, before);
        }

        /** Rows this run labels or copies: those of shards not committed before. */
        long rowsToDo() {
            long done = 0;
            for (int s = before.shards().nextSetBit(0); s >= 0 && s < shards; s = before.shards().nextSetBit(s + 1)) {
                done += Math.min(perShard, rows - (long) s * perShard);
            }
            return rows - done;
        }

        boolean allCommitted() {
            return before.shards().cardinality() >= shards && before.shards().nextClearBit(0) >= shards;
        }
    }

    /** The report is for people: a failure to write it is reported and does not fail the run. */
    private void writeReport(BlobStore store, AutolabelConfig config, RunLayout layout, String portable) {
        try {
            RunReport.write(store, config.image(), layout, Optional.empty(), layout.reportUri(),
                    new SparkGatherer(spark, portable), System.err);
            console.printf("[autolabel] report: %s%n", layout.reportUri());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not write the run report " + layout.reportUri(), e);
            console.printf("[autolabel] report not written (%s); retry with: autolabel report --run %s%n", e, layout.runDir());
        }
    }

    /**
     * Labels every shard not committed before; false when the failure ratio or a model error on an executor stopped
     * the job. The manifest's rows are
     * read and routed to their shard's partition by a shuffle (partition i holds shard i, in manifest order).
     */
    private boolean label(String portable, RunLayout layout, EmbeddingMatrix embeddings, Optional<ParentJoin> parent,
            ManifestInput manifest, Plan plan, AutolabelConfig config, SparkSession session, ShardCounters counters) {
        if (plan.shards() == 0 || plan.allCommitted()) {
            return true;
        }
        Broadcast<BitSet> committedBefore = spark.broadcast(plan.before().shards());
        int perShard = plan.perShard();
        RowFilter notCommitted = idx -> !committedBefore.value().get((int) (idx / perShard));
        Dataset<Row> rows = manifest.rows(spark, notCommitted);
        LongAccumulator listings = spark.sc().longAccumulator("autolabel.fingerprint-listings");
        if (parent.isPresent()) {
            rows = parent.get().join(session, rows, plan.rowsToDo(), listings);
        }
        Dataset<Row> shards = rows.withColumn(ShardTask.SHARD, expr("cast(" + ManifestRows.IDX + " div " + perShard
                + " as int)")).repartitionById((int) plan.shards(), col(ShardTask.SHARD)).sortWithinPartitions(ManifestRows.IDX);
        Broadcast<EmbeddingMatrix> shared = spark.broadcast(embeddings);
        String group = "autolabel-" + layout.runId() + "-" + System.nanoTime();
        // No thread interrupts on cancel: a killed task stops at its next batch (ShardTask checks), and reads
        // interrupted mid-request would only produce bogus rows.
        spark.setJobGroup(group, "autolabel " + layout.runId() + ": label " + plan.rowsToDo() + " images", false);
        try (ProgressReporter progress = new ProgressReporter(plan.rowsToDo(), counters.done()::value,
                counters.failed()::value, config.run().progressInterval(), console);
                FailureRatioWatch watch = new FailureRatioWatch(config.run().failurePolicy(), counters::labeledNow,
                        counters::failedNow, () -> counters.firstModelError().isPresent(),
                        () -> spark.cancelJobGroup(group))) {
            try {
                shards.javaRDD().foreachPartition(new ShardTask(portable, layout, shared, counters));
                parent.ifPresent(p -> console.printf("[autolabel] incremental: current fingerprints from %d listing"
                        + " requests (up to 1,000 objects each)%n", listings.value()));
                return true;
            } catch (Exception e) {
                // The action throws SparkException (undeclared in Java) when the watch cancelled the job.
                if (watch.tripped().isPresent() || counters.firstModelError().isPresent()) {
                    return false;
                }
                throw e;
            }
        } finally {
            spark.clearJobGroup();
        }
    }

    /** A run whose freshly labeled rows failed over the limit ends as stopped even if every shard finished. */
    private static RunStatus status(boolean finished, RunTotals totals, FailurePolicy policy) {
        long images = totals.imagesNow() - totals.fromParentNow();
        return finished && !policy.exceeded(images, totals.failedNow()) ? RunStatus.COMPLETED
                : RunStatus.STOPPED_FAILURE_RATIO;
    }

    /** Executors other than the driver; in local mode the driver is the executor. */
    private int executorCount() {
        int all = spark.sc().statusTracker().getExecutorInfos().length;
        return spark.isLocal() ? 1 : Math.max(0, all - 1);
    }
}
