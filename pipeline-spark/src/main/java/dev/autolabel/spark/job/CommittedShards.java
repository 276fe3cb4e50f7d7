package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.util.BitSet;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a run folder holds as committed: the shards whose commit marker exists. The driver keeps them as a bit set
 * (one bit per shard, never the markers' contents), and learns from the marker names whether the run was begun
 * with the old 5-digit shard numbers.
 */
final class CommittedShards {

    private final BlobStore store;
    private final RunLayout layout;

    CommittedShards(BlobStore store, RunLayout layout) {
        this.store = requireNonNull(store, "store");
        this.layout = requireNonNull(layout, "layout");
    }

    /** The committed shards of a run folder and the number of digits its shard names use. */
    record Scan(BitSet shards, int digits) {

        Scan {
            shards = (BitSet) requireNonNull(shards, "shards").clone();
        }

        int count() {
            return shards.cardinality();
        }

        boolean contains(int shard) {
            return shards.get(shard);
        }
    }

    /** The shards committed now; a run with any 5-digit marker keeps 5-digit names. */
    Scan scan() throws IOException {
        BitSet shards = new BitSet();
        int digits = RunLayout.DIGITS;
        for (String uri : store.list(layout.markerDir())) {
            OptionalInt shard = uri.endsWith(".json") ? RunLayout.shardOf(uri) : OptionalInt.empty();
            if (shard.isPresent()) {
                shards.set(shard.getAsInt());
                if (RunLayout.digitsOf(uri) == RunLayout.LEGACY_DIGITS) {
                    digits = RunLayout.LEGACY_DIGITS;
                }
            }
        }
        return new Scan(shards, digits);
    }

    /**
     * Deletes shard files without a commit marker of the same name (a task stopped between upload and marker, or a
     * stale file of an earlier attempt), so that a glob over {@code part-*.parquet} sees committed rows only.
     * Returns how many were deleted.
     */
    int deleteUncommitted() throws IOException {
        Set<String> committed = new HashSet<>();
        for (String uri : store.list(layout.markerDir())) {
            if (uri.endsWith(".json")) {
                committed.add(stem(uri));
            }
        }
        int deleted = 0;
        for (String uri : store.list(layout.runDir() + "/part-")) {
            if (uri.endsWith(".parquet") && RunLayout.shardOf(uri).isPresent() && !committed.contains(stem(uri))) {
                store.delete(uri);
                deleted++;
            }
        }
        return deleted;
    }

    /** {@code part-00012} of {@code .../part-00012.parquet} or {@code .../_committed/part-00012.json}. */
    private static String stem(String uri) {
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        return name.substring(0, name.lastIndexOf('.'));
    }
}
