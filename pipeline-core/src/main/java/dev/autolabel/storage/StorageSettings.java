package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

/** Storage limits and S3 access settings for a run. */
public record StorageSettings(long maxObjectBytes, S3Settings s3) {

    public StorageSettings {
        requireNonNull(s3, "s3");
        if (maxObjectBytes < 1) {
            throw new IllegalArgumentException("storage.max-object-bytes must be >= 1");
        }
    }
}
