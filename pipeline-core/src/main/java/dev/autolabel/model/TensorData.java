package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A float tensor copied out of (or into) ONNX Runtime: its shape and row-major data. Lets adapters decode
 * outputs without holding native memory: the runtime's tensors are closed as soon as they are copied.
 */
public record TensorData(long[] shape, float[] data) {

    public TensorData {
        requireNonNull(shape, "shape");
        requireNonNull(data, "data");
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor shape must be concrete, got " + Arrays.toString(shape));
            }
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + count + " values, got " + data.length);
        }
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return (int) shape[axis];
    }

    /** Value at a rank-3 index. */
    public float get(int i, int j, int k) {
        return data[(int) ((i * shape[1] + j) * shape[2] + k)];
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }
}
