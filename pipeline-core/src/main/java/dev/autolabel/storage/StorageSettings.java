package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

/**
 * Storage limits, S3 access settings and the URI prefixes a run may read ({@link AllowedPrefixes#ANY}: all).
 */
public record StorageSettings(long maxObjectBytes, S3Settings s3, AllowedPrefixes allowedPrefixes) {

    /** Settings that let a run read anything its credentials reach. */
    public StorageSettings(long maxObjectBytes, S3Settings s3) {
        this(maxObjectBytes, s3, AllowedPrefixes.ANY);
    }

    public StorageSettings {
        requireNonNull(s3, "s3");
        requireNonNull(allowedPrefixes, "allowedPrefixes");
        if (maxObjectBytes < 1) {
            throw new IllegalArgumentException("storage.max-object-bytes must be >= 1");
        }
    }
}
