package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The totals of a run's committed shards, read from their commit markers by the executors: each task reads the
 * markers of a range of shard numbers and sums them, partial sums are merged in a tree, and the driver receives
 * one {@link RunTotals} (its per-label counts bounded by the labels, never by the shards).
 */
final class CommittedTotals {

    /** Shards whose markers one task reads. */
    private static final int SHARDS_PER_TASK = 500;

    private CommittedTotals() {
    }

    /**
     * Totals over the markers of the {@code committed} shards among {@code 0..shards-1} (only those are read: a run
     * that stopped early asks for no marker that is not there); those in {@code before} (committed before this run)
     * count as reused.
     */
    static RunTotals read(JavaSparkContext spark, String portableConfig, RunLayout layout, long shards,
            BitSet committed, BitSet before) {
        requireNonNull(layout, "layout");
        if (shards == 0 || committed.nextSetBit(0) < 0 || committed.nextSetBit(0) >= shards) {
            return RunTotals.EMPTY;
        }
        List<long[]> ranges = new ArrayList<>();
        for (long from = 0; from < shards; from += SHARDS_PER_TASK) {
            ranges.add(new long[] {from, Math.min(shards, from + SHARDS_PER_TASK)});
        }
        Broadcast<BitSet> present = spark.broadcast(committed);
        Broadcast<BitSet> reused = spark.broadcast(before);
        spark.setJobDescription("autolabel " + layout.runId() + ": total the committed shards");
        return spark.parallelize(ranges, ranges.size())
                .mapPartitions((Iterator<long[]> it) -> List.of(sum(portableConfig, layout, it, present.value(),
                        reused.value())).iterator())
                .treeReduce(RunTotals::plus);
    }

    private static RunTotals sum(String portableConfig, RunLayout layout, Iterator<long[]> ranges, BitSet committed,
            BitSet reused) throws IOException {
        ExecutorRuntime runtime = ExecutorRuntime.forConfig(portableConfig);
        RunTotals total = RunTotals.EMPTY;
        while (ranges.hasNext()) {
            long[] range = ranges.next();
            for (long shard = range[0]; shard < range[1]; shard++) {
                if (!committed.get((int) shard)) {
                    continue;
                }
                try {
                    ShardSummary summary = MarkerCodec.read(runtime.store(), layout.markerUri((int) shard));
                    total = total.plus(RunTotals.of(summary, reused.get((int) shard)));
                } catch (NoSuchFileException gone) {
                    // listed as committed, then removed by hand: the run.json counts what is there
                }
            }
        }
        return total;
    }
}
