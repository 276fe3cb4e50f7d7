package dev.autolabel.storage;

import static java.util.Objects.requireNonNull;

/**
 * A bucket and key named by {@code s3://bucket/key}. The key is taken verbatim (no percent-decoding), so keys with
 * spaces and non-ASCII characters are written as they are stored. The key may be empty only for a prefix.
 */
public record S3Uri(String bucket, String key) {

    private static final String SCHEME = "s3://";

    public S3Uri {
        requireNonNull(bucket, "bucket");
        requireNonNull(key, "key");
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("S3 bucket name is empty");
        }
        if (bucket.contains("/") || bucket.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("S3 bucket name '" + bucket + "' contains '/' or whitespace");
        }
    }

    /** Parses the URI of one object: {@code s3://bucket/key} with a non-empty key. */
    public static S3Uri parse(String uri) {
        S3Uri parsed = parsePrefix(uri);
        if (parsed.key().isEmpty()) {
            throw new IllegalArgumentException("S3 URI '" + uri + "' names a bucket, not an object: expected s3://bucket/key");
        }
        return parsed;
    }

    /** Parses a listing prefix: {@code s3://bucket}, {@code s3://bucket/} or {@code s3://bucket/some/prefix}. */
    public static S3Uri parsePrefix(String uri) {
        requireNonNull(uri, "uri");
        if (!uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new IllegalArgumentException("not an S3 URI: '" + uri + "' (expected s3://bucket/key)");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("S3 URI '" + uri + "' has no bucket: expected s3://bucket/key");
        }
        return new S3Uri(bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    /** The canonical {@code s3://bucket/key} form. */
    public String uri() {
        return SCHEME + bucket + "/" + key;
    }

    /** The URI of the object {@code key} in this URI's bucket. */
    S3Uri withKey(String otherKey) {
        return new S3Uri(bucket, otherKey);
    }
}
