package dev.autolabel.spark.incremental;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Status;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rows of a parent run that an incremental run may copy instead of labeling: OK rows with a content
 * fingerprint, labeled with the same model hashes and labeling config hash as this run. Built on the driver by
 * streaming the parent's shards, and broadcast to the tasks. Compact: per reusable row a {@link RowKey} and the
 * ordinal of its parent shard, 20 bytes in sorted arrays (100,000 rows: 2 MB; 10 million: 200 MB), looked up by
 * binary search.
 */
public final class ParentIndex implements Serializable {

    private static final long serialVersionUID = 1L;

    /** No parent: every row is labeled. */
    public static final ParentIndex NONE = new ParentIndex("", List.of(), Map.of(), "", new long[0], new long[0], new int[0]);

    private final String runId;
    private final List<String> shards;
    private final TreeMap<String, String> modelHashes;
    private final String configHash;
    private final long[] high;
    private final long[] low;
    private final int[] shard;

    private ParentIndex(String runId, List<String> shards, Map<String, String> modelHashes, String configHash, long[] high,
            long[] low, int[] shard) {
        this.runId = runId;
        this.shards = List.copyOf(shards);
        this.modelHashes = new TreeMap<>(modelHashes);
        this.configHash = configHash;
        this.high = high;
        this.low = low;
        this.shard = shard;
    }

    /**
     * Streams the rows of run {@code parent} and keeps those reusable under {@code modelHashes} and
     * {@code configHash}. An IOException when the parent run does not exist or cannot be read.
     */
    public static ParentIndex read(BlobStore store, RunLayout parent, Map<String, String> modelHashes, String configHash)
            throws IOException {
        requireNonNull(store, "store");
        List<String> shardUris = RunReader.shardsOf(store, parent);
        Map<String, Integer> ordinals = new LinkedHashMap<>();
        shardUris.forEach(u -> ordinals.put(u, ordinals.size()));
        List<Entry> entries = new ArrayList<>();
        ParentIndex policy = new ParentIndex(parent.runId(), shardUris, modelHashes, configHash, new long[0], new long[0],
                new int[0]);
        try (RunReader rows = new RunReader(store, shardUris)) {
            while (rows.hasNext()) {
                LabeledImage row = rows.next();
                if (policy.reusable(row)) {
                    entries.add(new Entry(RowKey.of(row.imageId(), row.uri(), row.fingerprint().orElseThrow()),
                            ordinals.get(rows.currentShard())));
                }
            }
        }
        return policy.with(entries);
    }

    private record Entry(RowKey key, int shard) {
    }

    private ParentIndex with(List<Entry> entries) {
        Entry[] sorted = entries.toArray(new Entry[0]);
        Arrays.sort(sorted, (a, b) -> a.key().compareTo(b.key()));
        long[] hi = new long[sorted.length];
        long[] lo = new long[sorted.length];
        int[] sh = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            hi[i] = sorted[i].key().high();
            lo[i] = sorted[i].key().low();
            sh[i] = sorted[i].shard();
        }
        return new ParentIndex(runId, shards, modelHashes, configHash, hi, lo, sh);
    }

    /** Whether a parent row may be copied: labeled OK from known content, by the same models and labeling config. */
    boolean reusable(LabeledImage row) {
        return row.status() == Status.OK && row.fingerprint().isPresent()
                && row.provenance().modelHashes().equals(modelHashes)
                && row.provenance().configHash().equals(configHash);
    }

    /** The parent shard holding a reusable row with this key, if any. */
    Optional<String> shardOf(RowKey key) {
        int lo = 0;
        int hi = high.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = new RowKey(high[mid], low[mid]).compareTo(key);
            if (c == 0) {
                return Optional.of(shards.get(shard[mid]));
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    /** The parent run's id; empty for {@link #NONE}. */
    public Optional<String> runId() {
        return runId.isEmpty() ? Optional.empty() : Optional.of(runId);
    }

    /** Reusable rows in the parent. */
    public int size() {
        return high.length;
    }

    public boolean isEmpty() {
        return high.length == 0;
    }
}
