package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.PipelineSettings;
import dev.autolabel.image.ImageDecoders;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.labeling.LabelingPipeline;
import dev.autolabel.labeling.PassDetectorFactory;
import dev.autolabel.labeling.PassDetectors;
import dev.autolabel.labeling.PipelineStats;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.model.ModelException;
import dev.autolabel.spark.incremental.CopiedRows;
import dev.autolabel.spark.incremental.ParentRow;
import dev.autolabel.spark.input.ManifestRows;
import dev.autolabel.spark.output.ShardWriter;
import dev.autolabel.spark.report.ReportPartials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executor side of a run: labels the one shard of its partition and commits it. The partition holds the shard's
 * manifest rows in manifest order (the job's shuffle brought them here; the task carries no rows itself) and, in an
 * incremental run, the parent run's rows for those of them that are unchanged. A shard whose commit marker exists
 * is skipped without model work (a retried task whose first attempt committed); otherwise the shard is written to a
 * local temporary file, copied to its deterministic name and only then marked committed, so retries and
 * speculative copies overwrite instead of duplicating. Fresh rows go through a {@link LabelingPipeline} (reads,
 * decode and inference overlapped), which delivers them in manifest order to {@link ShardRows}, the streaming
 * writer. A task Spark has killed (job cancelled, speculative copy lost) never commits: it checks before each row
 * it writes and before each commit step. Nothing goes back to the driver but accumulator counts.
 * The shard's report partial ({@link ReportPartials}) is stored just before its marker.
 */
public final class ShardTask implements VoidFunction<Iterator<Row>> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ShardTask.class);

    /** The shard number column of the task's rows. */
    public static final String SHARD = "shard";
    /** The parent run's row (incremental runs; null where the row is labeled). */
    public static final String PARENT = "parent";

    private final String portableConfig;
    private final RunLayout layout;
    private final Broadcast<EmbeddingMatrix> embeddings;
    private final ShardCounters counters;

    ShardTask(String portableConfig, RunLayout layout, Broadcast<EmbeddingMatrix> embeddings, ShardCounters counters) {
        this.portableConfig = requireNonNull(portableConfig, "portableConfig");
        this.layout = requireNonNull(layout, "layout");
        this.embeddings = requireNonNull(embeddings, "embeddings");
        this.counters = requireNonNull(counters, "counters");
    }

    @Override
    public void call(Iterator<Row> rows) throws IOException, InterruptedException {
        if (!rows.hasNext()) {
            return; // a shard committed before this run: its rows were left out
        }
        Row first = rows.next();
        int shard = first.getInt(first.fieldIndex(SHARD));
        LOG.info("Labeling shard {} (task attempt {})", shard, attempt());
        List<ManifestRow> manifest = new ArrayList<>();
        Map<Integer, LabeledImage> copied = new HashMap<>();
        for (Row row = first; row != null; row = rows.hasNext() ? rows.next() : null) {
            if (row.getInt(row.fieldIndex(SHARD)) != shard) {
                throw new IllegalStateException("rows of shards " + shard + " and " + row.getInt(row.fieldIndex(SHARD))
                        + " in one task");
            }
            ManifestRow entry = ManifestRows.fromRow(row);
            parentOf(row).ifPresent(p -> copied.put(manifest.size(),
                    ParentRow.toImage(p).withExtra(((ManifestEntry) entry).extra())));
            manifest.add(entry);
        }
        try {
            runShard(ExecutorRuntime.forConfig(portableConfig), shard, manifest, new CopiedRows(copied));
        } catch (ModelException e) {
            // Systemic: every shard would hit it. Reported to the driver, which ends the run with one message;
            // failing the task instead would only print Spark's stack traces and retry in vain.
            LOG.error("Shard {} stopped by a model error (left uncommitted): {}", shard, e.getMessage());
            counters.modelError(e.getMessage());
        }
    }

    private static Optional<Row> parentOf(Row row) {
        int field = row.schema().getFieldIndex(PARENT).getOrElse(() -> -1);
        return field < 0 || row.isNullAt(field) ? Optional.empty() : Optional.of(row.getStruct(field));
    }

    private static String attempt() {
        TaskContext task = TaskContext.get();
        return task == null ? "-" : task.stageId() + "." + task.partitionId() + "." + task.attemptNumber();
    }

    private void runShard(ExecutorRuntime runtime, int shard, List<ManifestRow> rows, CopiedRows fromParent)
            throws IOException, InterruptedException {
        String marker = layout.markerUri(shard);
        if (runtime.store().exists(marker)) {
            ShardSummary committed = MarkerCodec.read(runtime.store(), marker);
            LOG.info("Shard {} already committed ({} images); skipping it", shard, committed.images());
            counters.reused(committed);
            return;
        }
        long start = System.nanoTime();
        Path local = Files.createTempFile("autolabel-" + layout.runId() + "-", ".parquet");
        try {
            ShardSummary summary = label(runtime, shard, rows, fromParent, local, start);
            stopIfKilled();
            runtime.store().upload(local, layout.shardUri(shard));
            stopIfKilled();
            ReportPartials.writeFor(runtime.store(), layout.shardUri(shard), local);
            MarkerCodec.write(runtime.store(), marker, summary);
            LOG.info("Committed shard {}: {} images, {} failed, in {} s", shard, summary.images(),
                    summary.failed(), String.format("%.1f", summary.labelSeconds()));
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private ShardSummary label(ExecutorRuntime runtime, int shard, List<ManifestRow> rows, CopiedRows fromParent,
            Path local, long start) throws IOException, InterruptedException {
        List<ManifestRow> fresh = new ArrayList<>(rows.size() - fromParent.count());
        for (int i = 0; i < rows.size(); i++) {
            if (fromParent.at(i).isEmpty()) {
                fresh.add(rows.get(i));
            }
        }
        ShardSummary.Builder summary = new ShardSummary.Builder(shard);
        Optional<LabelingPipeline> pipeline = Optional.empty();
        ShardRows out;
        try (ShardWriter writer = new ShardWriter(local)) {
            out = new ShardRows(writer, summary, counters, fromParent, rows.size(), ShardTask::stopIfKilled);
            stopIfKilled();
            if (!fresh.isEmpty()) {
                PassDetectors passes = passes(runtime);
                pipeline = Optional.of(pipeline(runtime, passes));
                PipelineStats stats = pipeline.get().run(fresh.iterator(), out::labeled);
                LOG.info("Shard {}: {} images labeled in {} s ({} images/s), inference busy {}% of the time, {} degenerate"
                        + " box(es) dropped", shard, stats.rows(), String.format("%.1f", stats.wallNanos() / 1e9),
                        String.format("%.1f", stats.rows() / Math.max(1e-9, stats.wallNanos() / 1e9)),
                        Math.round(100 * stats.inferenceUtilisation()), passes.degenerateDropped());
            }
            out.finish();
        }
        if (fromParent.count() > 0) {
            LOG.info("Shard {}: {} of {} rows copied from run {}", shard, fromParent.count(), rows.size(),
                    fromParent.labeledBy().orElse("?"));
        }
        Map<String, Double> stages = new LinkedHashMap<>(pipeline.map(p -> p.stageTimes().seconds()).orElse(Map.of()));
        stages.put("write", out.writeNanos() / 1e9);
        return summary.build((System.nanoTime() - start) / 1e9, stages,
                pipeline.map(p -> p.inferenceCounts().asMap()).orElse(Map.of()));
    }

    /** The task's pipeline: models on the GPU Spark gave the task, decode threads from the task's cores. */
    private PassDetectors passes(ExecutorRuntime runtime) {
        AutolabelConfig config = runtime.config();
        return PassDetectorFactory.create(config,
                embeddings.value().toEmbeddings(config.openVocab().map(ov -> ov.prompts()).orElse(List.of())),
                runtime.models(), TaskDevice.forCurrentTask(config.execution()));
    }

    private LabelingPipeline pipeline(ExecutorRuntime runtime, PassDetectors passes) {
        AutolabelConfig config = runtime.config();
        PipelineSettings settings = config.pipeline();
        PipelineSettings forTask = new PipelineSettings(settings.fetchConcurrency(),
                settings.decodeThreadsFor(TaskDevice.cores()), settings.queueCapacity());
        // With tiling, how far a JPEG may be DCT-scaled depends on its size: the decoder asks the passes' view plan.
        return new LabelingPipeline(runtime.store(), ImageDecoders.create(config.image(), config.decoder(), passes.views()),
                passes, provenance(config, passes), Clock.systemUTC(), forTask);
    }

    private Provenance provenance(AutolabelConfig config, PassDetectors passes) {
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("precision", passes.precision().session().sha256());
        passes.openVocab().ifPresent(d -> hashes.put("open-vocab", d.session().sha256()));
        return new Provenance(layout.runId(), hashes, config.labelingConfigHash(), LabeledImage.SCHEMA_VERSION);
    }

    /**
     * Ends a task Spark has killed. Rows read while the kill interrupted the thread may be bogus IO_ERRORs, and
     * Spark marks the task killed before it interrupts it, so checking here keeps such rows out of any commit.
     */
    private static void stopIfKilled() {
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.killTaskIfInterrupted();
        }
    }
}
