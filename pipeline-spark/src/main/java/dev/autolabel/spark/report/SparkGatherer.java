package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import dev.autolabel.spark.job.ExecutorRuntime;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function2;

/**
 * Gathers a run's partials as a Spark job: each task reads (or computes from the shard) the partials of a slice of
 * shards and merges them; the slices' results meet in a tree reduction, so the driver receives a few merged
 * partials (bounded size) whatever the number of shards. Partials travel as their JSON.
 */
public final class SparkGatherer implements PartialGatherer {

    /** A shard to gather and whether its partial is stored. */
    private record ShardRef(String uri, boolean stored) implements Serializable {
    }

    private final JavaSparkContext spark;
    private final String portableConfig;

    /** {@code portableConfig}: the config text executors build their storage from (see ConfigLoader.portableText). */
    public SparkGatherer(JavaSparkContext spark, String portableConfig) {
        this.spark = requireNonNull(spark, "spark");
        this.portableConfig = requireNonNull(portableConfig, "portableConfig");
    }

    @Override
    public ReportPartial gather(List<String> shardUris, Set<String> stored, int galleryPerKind, String runId,
            PrintStream progress) throws IOException {
        if (shardUris.isEmpty()) {
            return new ReportCollector(galleryPerKind).partial();
        }
        List<ShardRef> refs = shardUris.stream().map(u -> new ShardRef(u, ReportPartials.hasPartial(stored, u))).toList();
        long missing = refs.stream().filter(r -> !r.stored()).count();
        progress.printf("[autolabel] report %s: merging the partials of %d shards with Spark (%d computed from their shards)%n",
                runId, refs.size(), missing);
        int slices = Math.min(refs.size(), Math.max(1, 4 * spark.defaultParallelism()));
        spark.setJobDescription("autolabel " + runId + ": report");
        byte[] merged;
        try {
            merged = spark.parallelize(refs, slices)
                    .mapPartitions(new MergeSlice(portableConfig, galleryPerKind))
                    .treeReduce(new MergeTwo(galleryPerKind));
        } finally {
            spark.setJobDescription(null);
        }
        progress.printf("[autolabel] report %s: %d/%d shards read%n", runId, refs.size(), refs.size());
        return ReportPartialJson.read(merged);
    }

    /** One task: the merged partial of its shards. */
    private record MergeSlice(String portableConfig, int galleryPerKind) implements FlatMapFunction<Iterator<ShardRef>, byte[]> {
        @Override
        public Iterator<byte[]> call(Iterator<ShardRef> shards) throws IOException {
            BlobStore store = ExecutorRuntime.forConfig(portableConfig).store();
            ReportCollector merged = new ReportCollector(galleryPerKind);
            while (shards.hasNext()) {
                ShardRef shard = shards.next();
                merged.add(ReportPartials.obtain(store, shard.uri(), shard.stored()));
            }
            return List.of(ReportPartialJson.write(merged.partial())).iterator();
        }
    }

    private record MergeTwo(int galleryPerKind) implements Function2<byte[], byte[], byte[]> {
        @Override
        public byte[] call(byte[] a, byte[] b) {
            try {
                ReportCollector merged = new ReportCollector(galleryPerKind);
                merged.add(ReportPartialJson.read(a));
                merged.add(ReportPartialJson.read(b));
                return ReportPartialJson.write(merged.partial());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
