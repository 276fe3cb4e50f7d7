package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends each URI to the store for its scheme. The S3 store is made on first use of an {@code s3://} URI, so a
 * purely local run needs no AWS configuration, credentials or region. Every read (not writes or deletes) is
 * checked against {@code storage.allowed-prefixes} first: an image outside them fails with INVALID_URI, any
 * other read with an AccessDeniedException, before a request is sent.
 */
final class RoutingBlobStore implements BlobStore {

    private final BlobStore local;
    private final Supplier<? extends BlobStore> s3Factory;
    private final AllowedPrefixes allowed;
    private final Object lock = new Object();
    private volatile BlobStore s3;
    private volatile boolean closed;

    RoutingBlobStore(BlobStore local, Supplier<? extends BlobStore> s3Factory) {
        this(local, s3Factory, AllowedPrefixes.ANY);
    }

    RoutingBlobStore(BlobStore local, Supplier<? extends BlobStore> s3Factory, AllowedPrefixes allowed) {
        this.local = requireNonNull(local, "local");
        this.s3Factory = requireNonNull(s3Factory, "s3Factory");
        this.allowed = requireNonNull(allowed, "allowed");
    }

    @Override
    public byte[] readAll(String uri) throws LabelingException {
        return imageStore(uri).readAll(uri);
    }

    @Override
    public Blob read(String uri) throws LabelingException {
        return imageStore(uri).read(uri);
    }

    @Override
    public ObjectInfo stat(String uri) throws LabelingException {
        return imageStore(uri).stat(uri);
    }

    /** The store for an image read; a URI this run may not read is the row's INVALID_URI. */
    private BlobStore imageStore(String uri) throws LabelingException {
        if (UriScheme.of(uri) == UriScheme.UNSUPPORTED) {
            throw new LabelingException(ErrorCode.INVALID_URI, UriScheme.unsupportedMessage(uri));
        }
        if (!allowed.allows(uri)) {
            throw new LabelingException(ErrorCode.INVALID_URI, outsideMessage(uri));
        }
        return route(uri);
    }

    /** The store for any other read (manifest, model, markers); refused outside the allowed prefixes. */
    private BlobStore readStore(String uri) throws AccessDeniedException {
        if (!allowed.allows(uri)) {
            throw new AccessDeniedException(uri, null, outsideMessage(uri));
        }
        return route(uri);
    }

    private String outsideMessage(String uri) {
        return "'" + uri + "' is outside storage.allowed-prefixes " + allowed;
    }

    @Override
    public InputStream open(String uri) throws IOException {
        return readStore(uri).open(uri);
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
        readStore(uri).download(uri, localFile);
    }

    @Override
    public boolean exists(String uri) throws IOException {
        return readStore(uri).exists(uri);
    }

    @Override
    public List<String> list(String prefixUri) throws IOException {
        return readStore(prefixUri).list(prefixUri);
    }

    @Override
    public Optional<ObjectPage> listFrom(String uri, int max) throws IOException {
        return readStore(uri).listFrom(uri, max);
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
