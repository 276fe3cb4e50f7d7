package dev.autolabel.spark.incremental;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * 128 bits of SHA-256 over a row's image id, URI and content fingerprint: equal keys mean "the same manifest row
 * over the same image content". 16 bytes instead of three strings keep the parent index small (a collision among
 * a billion rows has a probability near 1e-21).
 */
record RowKey(long high, long low) implements Comparable<RowKey> {

    static RowKey of(String imageId, String uri, String fingerprint) {
        MessageDigest sha = sha256();
        for (String part : new String[] {requireNonNull(imageId, "imageId"), requireNonNull(uri, "uri"),
                requireNonNull(fingerprint, "fingerprint")}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
            sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha.update(bytes);
        }
        ByteBuffer digest = ByteBuffer.wrap(sha.digest());
        return new RowKey(digest.getLong(), digest.getLong());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public int compareTo(RowKey other) {
        int c = Long.compare(high, other.high);
        return c != 0 ? c : Long.compare(low, other.low);
    }
}
