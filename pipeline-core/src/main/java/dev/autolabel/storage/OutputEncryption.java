package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Server-side encryption requested on every object a run writes to S3 (shards, commit markers, run.json):
 * none (the bucket's default applies), {@code AES256} (S3-managed keys) or {@code aws:kms} with an optional key
 * id (the account's default S3 key when absent). The KMS key id is not a secret; credentials are elsewhere.
 */
public record OutputEncryption(Optional<String> algorithm, Optional<String> kmsKeyId) {

    /** The algorithms S3 accepts in {@code x-amz-server-side-encryption}. */
    public static final List<String> ALGORITHMS = List.of("AES256", "aws:kms");

    public static final OutputEncryption NONE = new OutputEncryption(Optional.empty(), Optional.empty());

    public OutputEncryption {
        requireNonNull(algorithm, "algorithm");
        requireNonNull(kmsKeyId, "kmsKeyId");
        algorithm.ifPresent(a -> {
            if (!ALGORITHMS.contains(a)) {
                throw new IllegalArgumentException("server-side encryption must be one of " + ALGORITHMS + " (or empty), got '" + a + "'");
            }
        });
        if (kmsKeyId.isPresent() && !algorithm.equals(Optional.of("aws:kms"))) {
            throw new IllegalArgumentException("a KMS key id needs server-side encryption aws:kms");
        }
    }
}
