package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach S3 or an S3-compatible store, and the server-side encryption asked for on what a run writes.
 * Credentials are optional (default provider chain otherwise); {@link #toString()} never shows them.
 */
public record S3Settings(
        Optional<URI> endpoint,
        String region,
        boolean pathStyle,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        int maxAttempts,
        Duration apiCallTimeout,
        Duration attemptTimeout,
        OutputEncryption encryption) {

    /** Settings without server-side encryption of output. */
    public S3Settings(Optional<URI> endpoint, String region, boolean pathStyle, Optional<String> accessKeyId,
            Optional<String> secretAccessKey, int maxAttempts, Duration apiCallTimeout, Duration attemptTimeout) {
        this(endpoint, region, pathStyle, accessKeyId, secretAccessKey, maxAttempts, apiCallTimeout, attemptTimeout,
                OutputEncryption.NONE);
    }

    public S3Settings {
        requireNonNull(endpoint, "endpoint");
        requireNonNull(region, "region");
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(secretAccessKey, "secretAccessKey");
        requireNonNull(apiCallTimeout, "apiCallTimeout");
        requireNonNull(attemptTimeout, "attemptTimeout");
        requireNonNull(encryption, "encryption");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("storage.s3.max-attempts must be >= 1");
        }
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", pathStyle=" + pathStyle
                + ", accessKeyId=" + accessKeyId.map(k -> "***").orElse("(provider chain)")
                + ", secretAccessKey=" + secretAccessKey.map(k -> "***").orElse("(provider chain)")
                + ", maxAttempts=" + maxAttempts + ", apiCallTimeout=" + apiCallTimeout + ", attemptTimeout=" + attemptTimeout
                + ", encryption=" + encryption + "]";
    }
}
