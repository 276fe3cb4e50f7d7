package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.OnnxJavaType;
import java.util.Arrays;
import java.util.List;

/**
 * One input or output of a model graph as declared: name, element type and shape, where -1 marks a dynamic
 * dimension whose symbolic name (e.g. {@code batch}, {@code height}) is kept for messages.
 */
public record TensorSpec(String name, OnnxJavaType type, long[] shape, List<String> dimNames) {

    public TensorSpec {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        shape = requireNonNull(shape, "shape").clone();
        dimNames = List.copyOf(requireNonNull(dimNames, "dimNames"));
    }

    /** A tensor with anonymous dynamic dimensions. */
    public TensorSpec(String name, OnnxJavaType type, long... shape) {
        this(name, type, shape, List.of());
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The declared size of {@code axis}, -1 when dynamic. */
    public long dim(int axis) {
        return shape[axis];
    }

    public boolean isFloat() {
        return type == OnnxJavaType.FLOAT || type == OnnxJavaType.FLOAT16;
    }

    public boolean isInteger() {
        return type == OnnxJavaType.INT64 || type == OnnxJavaType.INT32;
    }

    /** {@code images: float32 [batch, 3, 640, 640]}. */
    public String describe() {
        StringBuilder b = new StringBuilder(name).append(": ").append(typeName(type)).append(" [");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ");
            boolean named = shape[i] < 0 && i < dimNames.size() && dimNames.get(i) != null && !dimNames.get(i).isEmpty();
            b.append(named ? dimNames.get(i) : shape[i] < 0 ? "?" : Long.toString(shape[i]));
        }
        return b.append(']').toString();
    }

    static String typeName(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> "float32";
            case FLOAT16 -> "float16";
            case DOUBLE -> "float64";
            case INT64 -> "int64";
            case INT32 -> "int32";
            case BOOL -> "bool";
            case UINT8 -> "uint8";
            default -> type.name().toLowerCase();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && type == t.type && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return describe();
    }
}
