package dev.autolabel.storage;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;

/** The size rules every {@link BlobStore#readAll} applies: not empty, not above the configured maximum. */
final class ReadLimit {

    /** Largest byte array the JVM reliably allocates, minus one so that reading "limit + 1" bytes still fits. */
    private static final int ARRAY_CAP = Integer.MAX_VALUE - 9;

    private ReadLimit() {
    }

    static int cap(long maxObjectBytes) {
        if (maxObjectBytes < 1) {
            throw new IllegalArgumentException("maxObjectBytes must be >= 1, got " + maxObjectBytes);
        }
        return (int) Math.min(maxObjectBytes, ARRAY_CAP);
    }

    /** Refuses a known size: TOO_LARGE above {@code maxBytes}, EMPTY_OBJECT at zero. */
    static void check(String uri, long size, int maxBytes) throws LabelingException {
        if (size > maxBytes) {
            throw new LabelingException(ErrorCode.TOO_LARGE,
                    uri + " has " + size + " bytes, more than storage.max-object-bytes = " + maxBytes);
        }
        if (size == 0) {
            throw new LabelingException(ErrorCode.EMPTY_OBJECT, uri + " has zero bytes");
        }
    }
}
