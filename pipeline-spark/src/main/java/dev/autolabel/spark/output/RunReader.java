package dev.autolabel.spark.output;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams every row of a run's committed shards, shard by shard in name order, holding one shard's reader at a
 * time (memory does not grow with the run). Remote shards are downloaded to a temporary file one at a time.
 */
public final class RunReader implements Iterator<LabeledImage>, AutoCloseable {

    private final BlobStore store;
    private final Iterator<String> shards;
    private final int shardCount;
    private ShardReader current;

    public RunReader(BlobStore store, RunLayout layout) throws IOException {
        this(store, shardsOf(store, layout));
    }

    /** Streams the rows of the given shard files (local paths, {@code file:} or {@code s3://} URIs), in order. */
    public RunReader(BlobStore store, List<String> shardUris) {
        this.store = requireNonNull(store, "store");
        List<String> uris = List.copyOf(shardUris);
        this.shards = uris.iterator();
        this.shardCount = uris.size();
    }

    /** The shard files of a run, in name order; an IOException when there is no such run. */
    public static List<String> shardsOf(BlobStore store, RunLayout layout) throws IOException {
        List<String> uris = store.list(layout.runDir() + "/part-").stream().filter(u -> u.endsWith(".parquet")).toList();
        if (uris.isEmpty() && !store.exists(layout.runSummaryUri())) {
            throw new IOException("no run at " + layout.runDir() + " (no shards and no run.json)");
        }
        return uris;
    }

    /** Shards in the run. */
    public int shardCount() {
        return shardCount;
    }

    @Override
    public boolean hasNext() {
        try {
            while ((current == null || !current.hasNext()) && shards.hasNext()) {
                openNext(shards.next());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return current != null && current.hasNext();
    }

    @Override
    public LabeledImage next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    private void openNext(String uri) throws IOException {
        closeCurrent();
        current = ShardReader.open(store, uri);
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }
}
