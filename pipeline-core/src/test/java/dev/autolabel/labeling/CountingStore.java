package dev.autolabel.labeling;

import dev.autolabel.label.LabelingException;
import dev.autolabel.storage.Blob;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store with a probe on image reads: counts them and records the most that were in flight at once. Each
 * read takes at least 3 ms (like a remote store's latency), so reads that may overlap do.
 */
final class CountingStore implements BlobStore {

    private final BlobStore store;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();

    CountingStore(BlobStore store) {
        this.store = store;
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    int reads() {
        return reads.get();
    }

    @Override
    public Blob read(String uri) throws LabelingException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            Thread.sleep(3);
            return store.read(uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            reads.incrementAndGet();
            inFlight.decrementAndGet();
        }
    }

    @Override
    public byte[] readAll(String uri) throws LabelingException {
        return read(uri).bytes();
    }

    @Override
    public ObjectInfo stat(String uri) throws LabelingException {
        return store.stat(uri);
    }

    @Override
    public InputStream open(String uri) throws IOException {
        return store.open(uri);
    }

    @Override
    public void write(String uri, byte[] bytes) throws IOException {
        store.write(uri, bytes);
    }

    @Override
    public void upload(Path localFile, String uri) throws IOException {
        store.upload(localFile, uri);
    }

    @Override
    public void download(String uri, Path localFile) throws IOException {
        store.download(uri, localFile);
    }

    @Override
    public boolean exists(String uri) throws IOException {
        return store.exists(uri);
    }

    @Override
    public List<String> list(String prefixUri) throws IOException {
        return store.list(prefixUri);
    }

    @Override
    public void delete(String uri) throws IOException {
        store.delete(uri);
    }

    @Override
    public void close() {
        store.close();
    }
}
