package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

/**
 * A non-image model input a decoder feeds with every batch (token ids, masks, text embeddings). The session
 * converts it to the element type the graph declares for that input (float32/float16, int64/int32, bool).
 */
public sealed interface InputValue {

    long[] shape();

    /** Floats (embeddings, text features). */
    record Floats(long[] shape, float[] data) implements InputValue {
        public Floats {
            requireNonNull(shape, "shape");
            requireNonNull(data, "data");
            checkCount(shape, data.length);
        }
    }

    /** Integers (token ids, position ids, 0/1 masks). */
    record Longs(long[] shape, long[] data) implements InputValue {
        public Longs {
            requireNonNull(shape, "shape");
            requireNonNull(data, "data");
            checkCount(shape, data.length);
        }
    }

    /** Booleans (attention masks of exports that declare them bool). */
    record Bools(long[] shape, boolean[] data) implements InputValue {
        public Bools {
            requireNonNull(shape, "shape");
            requireNonNull(data, "data");
            checkCount(shape, data.length);
        }
    }

    private static void checkCount(long[] shape, int length) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (count != length) {
            throw new IllegalArgumentException("shape needs " + count + " values, got " + length);
        }
    }
}
