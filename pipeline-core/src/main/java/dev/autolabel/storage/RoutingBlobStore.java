package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sends each URI to the store for its scheme. The S3 store is made on first use of an {@code s3://} URI, so a
 * purely local run needs no AWS configuration, credentials or region.
 */
final class RoutingBlobStore implements BlobStore {

    private final BlobStore local;
    private final Supplier<? extends BlobStore> s3Factory;
    private final Object lock = new Object();
    private volatile BlobStore s3;
    private volatile boolean closed;

    RoutingBlobStore(BlobStore local, Supplier<? extends BlobStore> s3Factory) {
        this.local = requireNonNull(local, "local");
        this.s3Factory = requireNonNull(s3Factory, "s3Factory");
    }

    @Override
    public byte[] readAll(String uri) throws LabelingException {
        if (UriScheme.of(uri) == UriScheme.UNSUPPORTED) {
            throw new LabelingException(ErrorCode.INVALID_URI, UriScheme.unsupportedMessage(uri));
        }
        return route(uri).readAll(uri);
    }

    @Override
    public InputStream open(String uri) throws IOException {
        return route(uri).open(uri);
    }

    @Override
    public void write(String uri, byte[] bytes) throws IOException {
        route(uri).write(uri, bytes);
    }

    @Override
    public void upload(Path localFile, String uri) throws IOException {
        route(uri).upload(localFile, uri);
    }

    @Override
    public void download(String uri, Path localFile) throws IOException {
        route(uri).download(uri, localFile);
    }

    @Override
    public boolean exists(String uri) throws IOException {
        return route(uri).exists(uri);
    }

    @Override
    public List<String> list(String prefixUri) throws IOException {
        return route(prefixUri).list(prefixUri);
    }

    @Override
    public void delete(String uri) throws IOException {
        route(uri).delete(uri);
    }

    private BlobStore route(String uri) {
        return switch (UriScheme.of(uri)) {
            case S3 -> s3();
            case LOCAL -> local;
            case UNSUPPORTED -> throw new IllegalArgumentException(UriScheme.unsupportedMessage(uri));
        };
    }

    private BlobStore s3() {
        if (closed) {
            throw new IllegalStateException("blob store is closed");
        }
        BlobStore store = s3;
        if (store != null) {
            return store;
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("blob store is closed");
            }
            if (s3 == null) {
                s3 = requireNonNull(s3Factory.get(), "s3Factory returned null");
            }
            return s3;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (s3 != null) {
                s3.close();
            }
        }
        local.close();
    }
}
