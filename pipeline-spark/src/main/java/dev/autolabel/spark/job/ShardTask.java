package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.labeling.ImageLabeler;
import dev.autolabel.labeling.PassDetectorFactory;
import dev.autolabel.labeling.PassDetectors;
import dev.autolabel.manifest.ManifestRow;
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
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executor side of a run: labels each shard of its partition and commits it. A shard whose commit marker
 * exists is skipped without model work (resume); otherwise the shard is written to a local temporary file,
 * copied to its deterministic name and only then marked committed, so retries and speculative copies
 * overwrite instead of duplicating. A task Spark has killed (job cancelled, speculative copy lost) never
 * commits: it checks between batches and before each commit step.
 */
public final class ShardTask implements FlatMapFunction<Iterator<ShardInput>, ShardSummary> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ShardTask.class);

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
    public Iterator<ShardSummary> call(Iterator<ShardInput> shards) throws IOException {
        ExecutorRuntime runtime = ExecutorRuntime.forConfig(portableConfig);
        List<ShardSummary> done = new ArrayList<>();
        while (shards.hasNext()) {
            done.add(runShard(runtime, shards.next()));
        }
        return done.iterator();
    }

    private ShardSummary runShard(ExecutorRuntime runtime, ShardInput shard) throws IOException {
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

    private ShardSummary label(ExecutorRuntime runtime, ShardInput shard, Path local, long start) throws IOException {
        AutolabelConfig config = runtime.config();
        PassDetectors passes = PassDetectorFactory.create(config,
                embeddings.value().toEmbeddings(config.openVocab().map(ov -> ov.prompts()).orElse(List.of())),
                runtime.models(), TaskDevice.forCurrentTask(config.execution()));
        ImageLabeler labeler = new ImageLabeler(runtime.store(), new ImageIoDecoder(config.image()), passes,
                provenance(config, passes), Clock.systemUTC());
        ShardSummary.Builder summary = new ShardSummary.Builder(shard.index());
        List<ManifestRow> rows = shard.rows();
        try (ShardWriter writer = new ShardWriter(local)) {
            for (int from = 0; from < rows.size(); from += config.batchSize()) {
                stopIfKilled();
                List<LabeledImage> labeled = labeler.label(rows.subList(from, Math.min(rows.size(), from + config.batchSize())));
                for (LabeledImage row : labeled) {
                    writer.write(row);
                    summary.add(row);
                    counters.labeled(row);
                }
            }
        }
        return summary.build((System.nanoTime() - start) / 1e9);
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
