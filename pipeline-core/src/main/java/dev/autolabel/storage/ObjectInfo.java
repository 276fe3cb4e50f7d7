package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a store knows about an object without reading it: its size and a {@code fingerprint} that changes
 * whenever its content does (the ETag on S3, size and modification time for local files). Incremental runs
 * compare fingerprints to decide which images need labeling again; a fingerprint may also change without a
 * content change (a touched file, a re-upload in other parts), which only costs a relabel, never a stale label.
 */
public record ObjectInfo(long size, String fingerprint) {

    public ObjectInfo {
        requireNonNull(fingerprint, "fingerprint");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        if (fingerprint.isBlank()) {
            throw new IllegalArgumentException("fingerprint must not be blank");
        }
    }

    /** An S3 object: its ETag (quotes as the server sends them) identifies the content. */
    static ObjectInfo ofEtag(long size, String etag) {
        return new ObjectInfo(size, "etag:" + requireNonNull(etag, "etag"));
    }

    /** A local file: size and modification time (full precision of the file system). */
    static ObjectInfo ofFile(long size, Instant modified) {
        return new ObjectInfo(size, "size:" + size + ",mtime:" + requireNonNull(modified, "modified"));
    }
}
