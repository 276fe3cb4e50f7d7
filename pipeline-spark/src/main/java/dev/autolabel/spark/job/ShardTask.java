package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.PipelineSettings;
import dev.autolabel.image.ImageDecoders;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.labeling.LabelingPipeline;
import dev.autolabel.labeling.PassDetectorFactory;
import dev.autolabel.model.ModelException;
import dev.autolabel.labeling.PassDetectors;
import dev.autolabel.labeling.PipelineStats;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.spark.incremental.ParentIndex;
import dev.autolabel.spark.incremental.ParentRows;
import dev.autolabel.spark.output.ShardWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executor side of a run: labels each shard of its partition and commits it. A shard whose commit marker
 * exists is skipped without model work (resume); otherwise the shard is written to a local temporary file,
 * copied to its deterministic name and only then marked committed, so retries and speculative copies
 * overwrite instead of duplicating. In an incremental run, rows whose image is unchanged since the parent run
 * are copied from the parent's shards ({@link ParentRows}) and only the others go through the models.
 * Fresh rows go through a {@link LabelingPipeline} (reads, decode and inference overlapped), which delivers them in
 * manifest order to {@link ShardRows}, the streaming writer. A task Spark has killed (job cancelled, speculative
 * copy lost) never commits: it checks before each row it writes and before each commit step.
 */
public final class ShardTask implements FlatMapFunction<Iterator<ShardInput>, ShardSummary> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ShardTask.class);

    private final String portableConfig;
    private final RunLayout layout;
    private final Broadcast<EmbeddingMatrix> embeddings;
    private final ShardCounters counters;
    private final Broadcast<ParentIndex> parent;

    ShardTask(String portableConfig, RunLayout layout, Broadcast<EmbeddingMatrix> embeddings, ShardCounters counters,
            Broadcast<ParentIndex> parent) {
        this.portableConfig = requireNonNull(portableConfig, "portableConfig");
        this.layout = requireNonNull(layout, "layout");
        this.embeddings = requireNonNull(embeddings, "embeddings");
        this.counters = requireNonNull(counters, "counters");
        this.parent = requireNonNull(parent, "parent");
    }

    @Override
    public Iterator<ShardSummary> call(Iterator<ShardInput> shards) throws IOException, InterruptedException {
        ExecutorRuntime runtime = ExecutorRuntime.forConfig(portableConfig);
        List<ShardSummary> done = new ArrayList<>();
        while (shards.hasNext()) {
            ShardInput shard = shards.next();
            try {
                done.add(runShard(runtime, shard));
            } catch (ModelException e) {
                // Systemic: every shard would hit it. Reported to the driver, which ends the run with one message;
                // failing the task instead would only print Spark's stack traces and retry in vain.
                LOG.error("Shard {} stopped by a model error (left uncommitted): {}", shard.index(), e.getMessage());
                counters.modelError(e.getMessage());
                break;
            }
        }
        return done.iterator();
    }

    private ShardSummary runShard(ExecutorRuntime runtime, ShardInput shard) throws IOException, InterruptedException {
        String marker = layout.markerUri(shard.index());
        if (runtime.store().exists(marker)) {
            ShardSummary committed = MarkerCodec.read(runtime.store(), marker);
            LOG.info("Shard {} already committed ({} images); skipping it", shard.index(), committed.images());
            counters.reused(committed);
            return committed.asReused();
        }
        long start = System.nanoTime();
        Path local = Files.createTempFile("autolabel-" + layout.runId() + "-", ".parquet");
        try {
            ShardSummary summary = label(runtime, shard, local, start);
            stopIfKilled();
            runtime.store().upload(local, layout.shardUri(shard.index()));
            stopIfKilled();
            MarkerCodec.write(runtime.store(), marker, summary);
            LOG.info("Committed shard {}: {} images, {} failed, in {} s", shard.index(), summary.images(),
                    summary.failed(), String.format("%.1f", summary.labelSeconds()));
            return summary;
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private ShardSummary label(ExecutorRuntime runtime, ShardInput shard, Path local, long start)
            throws IOException, InterruptedException {
        List<ManifestRow> rows = shard.rows();
        ParentRows fromParent = ParentRows.find(rows, parent.value(), runtime.store());
        List<ManifestRow> fresh = new ArrayList<>(rows.size() - fromParent.count());
        for (int i = 0; i < rows.size(); i++) {
            if (fromParent.at(i).isEmpty()) {
                fresh.add(rows.get(i));
            }
        }
        ShardSummary.Builder summary = new ShardSummary.Builder(shard.index());
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
                        + " box(es) dropped", shard.index(), stats.rows(), String.format("%.1f", stats.wallNanos() / 1e9),
                        String.format("%.1f", stats.rows() / Math.max(1e-9, stats.wallNanos() / 1e9)),
                        Math.round(100 * stats.inferenceUtilisation()), passes.degenerateDropped());
            }
            out.finish();
        }
        if (fromParent.count() > 0) {
            LOG.info("Shard {}: {} of {} rows copied from run {}", shard.index(), fromParent.count(), rows.size(),
                    parent.value().runId().orElse("?"));
        }
        Map<String, Double> stages = new LinkedHashMap<>(pipeline.map(p -> p.stageTimes().seconds()).orElse(Map.of()));
        stages.put("write", out.writeNanos() / 1e9);
        return summary.build((System.nanoTime() - start) / 1e9, stages);
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
        return new LabelingPipeline(runtime.store(), ImageDecoders.create(config.image(), config.decoder(), passes.inputSpecs()), passes,
                provenance(config, passes), Clock.systemUTC(), forTask);
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
