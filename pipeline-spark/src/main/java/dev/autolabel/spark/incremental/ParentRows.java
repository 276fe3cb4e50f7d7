package dev.autolabel.spark.incremental;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.LabelingException;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The rows of one shard an incremental run copies from its parent instead of labeling: each manifest entry's
 * object is stat'ed (HEAD on S3, concurrently), and where the parent labeled the same id and URI over the same
 * fingerprint, the parent's row is read back from its shard and reused with the current manifest's extra fields
 * (keeping the parent's run id and labeling time: they say which run produced the labels). Everything else,
 * including objects that cannot be stat'ed, is labeled as usual. Holds at most one shard's reused rows.
 */
public final class ParentRows {

    /** Concurrent stat requests per task: HEAD latency, not bandwidth, bounds this step. */
    private static final int STAT_THREADS = 16;

    private final Map<Integer, LabeledImage> byPosition;

    private ParentRows(Map<Integer, LabeledImage> byPosition) {
        this.byPosition = byPosition;
    }

    public static ParentRows find(List<ManifestRow> rows, ParentIndex parent, BlobStore store) throws IOException {
        requireNonNull(rows, "rows");
        requireNonNull(parent, "parent");
        requireNonNull(store, "store");
        if (parent.isEmpty()) {
            return new ParentRows(Map.of());
        }
        List<Optional<RowKey>> keys = currentKeys(rows, store);
        Map<RowKey, List<Integer>> wanted = new HashMap<>();
        Set<String> shards = new LinkedHashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            int position = i;
            keys.get(i).ifPresent(key -> parent.shardOf(key).ifPresent(shard -> {
                wanted.computeIfAbsent(key, k -> new ArrayList<>()).add(position);
                shards.add(shard);
            }));
        }
        return new ParentRows(copy(rows, parent, store, wanted, List.copyOf(shards)));
    }

    /** The key of each row over its object's current fingerprint; empty for malformed rows and failed stats. */
    private static List<Optional<RowKey>> currentKeys(List<ManifestRow> rows, BlobStore store) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(STAT_THREADS, rows.size())));
        try {
            List<Future<Optional<RowKey>>> futures = new ArrayList<>(rows.size());
            for (ManifestRow row : rows) {
                futures.add(pool.submit(() -> keyOf(row, store)));
            }
            List<Optional<RowKey>> keys = new ArrayList<>(rows.size());
            for (Future<Optional<RowKey>> f : futures) {
                keys.add(f.get());
            }
            return keys;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking fingerprints");
        } catch (ExecutionException e) {
            throw new IOException("checking fingerprints failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Optional<RowKey> keyOf(ManifestRow row, BlobStore store) {
        if (!(row instanceof ManifestEntry entry)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RowKey.of(entry.id(), entry.uri(), store.stat(entry.uri()).fingerprint()));
        } catch (LabelingException e) {
            return Optional.empty(); // labeling reads it again and records the fault on its row
        }
    }

    /** Reads the parent shards holding wanted rows; a wanted row not found there is simply labeled again. */
    private static Map<Integer, LabeledImage> copy(List<ManifestRow> rows, ParentIndex parent, BlobStore store,
            Map<RowKey, List<Integer>> wanted, List<String> shards) throws IOException {
        int wantedRows = wanted.values().stream().mapToInt(List::size).sum();
        Map<Integer, LabeledImage> found = new HashMap<>();
        try (RunReader reader = new RunReader(store, shards)) {
            while (found.size() < wantedRows && reader.hasNext()) {
                LabeledImage row = reader.next();
                if (!parent.reusable(row)) {
                    continue;
                }
                List<Integer> positions = wanted.get(RowKey.of(row.imageId(), row.uri(), row.fingerprint().orElseThrow()));
                if (positions != null) {
                    for (int p : positions) {
                        found.putIfAbsent(p, row.withExtra(((ManifestEntry) rows.get(p)).extra()));
                    }
                }
            }
        }
        return found;
    }

    /** The parent's row to write at {@code position} of the shard, if it is reused. */
    public Optional<LabeledImage> at(int position) {
        return Optional.ofNullable(byPosition.get(position));
    }

    /** How many of the shard's rows are reused. */
    public int count() {
        return byPosition.size();
    }
}
