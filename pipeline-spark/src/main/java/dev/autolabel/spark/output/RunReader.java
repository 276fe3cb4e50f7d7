package dev.autolabel.spark.output;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private Path downloaded;
    private int opened;

    public RunReader(BlobStore store, RunLayout layout) throws IOException {
        this.store = requireNonNull(store, "store");
        List<String> uris = store.list(layout.runDir() + "/part-").stream().filter(u -> u.endsWith(".parquet")).toList();
        if (uris.isEmpty() && !store.exists(layout.runSummaryUri())) {
            throw new IOException("no run at " + layout.runDir() + " (no shards and no run.json)");
        }
        this.shards = uris.iterator();
        this.shardCount = uris.size();
    }

    /** Shards in the run; {@link #shardsOpened()} of them have been started. For progress reporting. */
    public int shardCount() {
        return shardCount;
    }

    public int shardsOpened() {
        return opened;
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
        Path file;
        if (uri.startsWith("file:")) {
            file = Path.of(URI.create(uri));
        } else if (!uri.contains("://")) {
            file = Path.of(uri);
        } else {
            downloaded = Files.createTempFile("autolabel-read-", ".parquet");
            store.download(uri, downloaded);
            file = downloaded;
        }
        current = ShardReader.open(file);
        opened++;
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        if (downloaded != null) {
            Files.deleteIfExists(downloaded);
            downloaded = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }
}
