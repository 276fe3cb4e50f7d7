package dev.autolabel.storage;

import dev.autolabel.label.LabelingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes objects by URI: {@code s3://bucket/key}, {@code file:///path} or a plain local path.
 * Image reads are bounded by {@code storage.max-object-bytes} and report per-image faults as
 * {@link LabelingException}s carrying the error code of the FAILED row; everything else is an IOException.
 * Implementations are thread-safe and meant to be shared by all tasks in a JVM.
 */
public interface BlobStore extends AutoCloseable {

    /** The whole object, refused with TOO_LARGE before reading when it exceeds the configured maximum. */
    byte[] readAll(String uri) throws LabelingException;

    /**
     * As {@link #readAll}, with the fingerprint of what was read. This default asks {@link #stat} first and
     * reads second, so if the object changes in between, the fingerprint is the older one: an incremental run
     * then labels the image again instead of keeping labels of content it never saw. Stores that learn the
     * fingerprint from the read itself (S3's ETag) override this to save the extra request.
     */
    default Blob read(String uri) throws LabelingException {
        String fingerprint = stat(uri).fingerprint();
        return new Blob(readAll(uri), fingerprint);
    }

    /** Size and fingerprint of an object, without reading it; per-image faults as for {@link #readAll}. */
    ObjectInfo stat(String uri) throws LabelingException;

    /** A stream over a possibly large object (a manifest): not size-bounded. The caller closes it. */
    InputStream open(String uri) throws IOException;

    /** Writes {@code bytes} as the object at {@code uri}, replacing it. */
    void write(String uri, byte[] bytes) throws IOException;

    /** Copies a local file to {@code uri}, replacing it (streams; the file may be large). */
    void upload(Path localFile, String uri) throws IOException;

    /** Copies the object at {@code uri} to a local file (streams; not size-bounded). */
    void download(String uri, Path localFile) throws IOException;

    /** Whether an object (a regular file, not a directory) exists at {@code uri}. */
    boolean exists(String uri) throws IOException;

    /**
     * URIs of all objects whose URI starts with {@code prefixUri}, sorted, in the form of the prefix
     * (see {@link BlobStores#create} for the forms). Directories and S3 "folder" markers are not objects.
     */
    List<String> list(String prefixUri) throws IOException;

    /**
     * Up to {@code max} objects of {@code uri}'s bucket from {@code uri}'s key on (inclusive), in key order, with
     * sizes and fingerprints: one listing request (S3: up to 1,000 objects) instead of a HEAD per object. Empty for
     * stores without such listings (local files, where a stat costs no request).
     */
    default java.util.Optional<ObjectPage> listFrom(String uri, int max) throws IOException {
        return java.util.Optional.empty();
    }

    /** Deletes the object if it exists. */
    void delete(String uri) throws IOException;

    @Override
    void close();
}
