package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

/**
 * An object's bytes together with the fingerprint of the content they were read from (see {@link ObjectInfo}).
 * Equality is identity of the byte array, as for any record holding an array.
 */
public record Blob(byte[] bytes, String fingerprint) {

    public Blob {
        requireNonNull(bytes, "bytes");
        requireNonNull(fingerprint, "fingerprint");
    }
}
