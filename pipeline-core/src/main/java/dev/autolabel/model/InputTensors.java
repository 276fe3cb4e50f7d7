package dev.autolabel.model;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/** Turns an {@link InputValue} into a tensor of the element type the graph declares for that input. */
final class InputTensors {

    private InputTensors() {
    }

    static OnnxTensor create(OrtEnvironment env, TensorSpec declared, InputValue value) throws OrtException {
        long[] shape = value.shape();
        return switch (declared.type()) {
            case FLOAT -> OnnxTensor.createTensor(env, FloatBuffer.wrap(floats(declared, value)), shape);
            case FLOAT16 -> {
                float[] f = floats(declared, value);
                short[] half = new short[f.length];
                for (int i = 0; i < f.length; i++) {
                    half[i] = Fp16Conversions.floatToFp16(f[i]);
                }
                yield OnnxTensor.createTensor(env, ShortBuffer.wrap(half), shape, OnnxJavaType.FLOAT16);
            }
            case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(longs(declared, value)), shape);
            case INT32 -> {
                long[] l = longs(declared, value);
                int[] narrow = new int[l.length];
                for (int i = 0; i < l.length; i++) {
                    narrow[i] = Math.toIntExact(l[i]);
                }
                yield OnnxTensor.createTensor(env, IntBuffer.wrap(narrow), shape);
            }
            case BOOL -> OnnxTensor.createTensor(env, bools(declared, value), shape, OnnxJavaType.BOOL);
            default -> throw new ModelException("input " + declared.describe() + " has an element type autolabel cannot"
                    + " feed (float32, float16, int64, int32 or bool)");
        };
    }

    private static float[] floats(TensorSpec declared, InputValue value) {
        if (value instanceof InputValue.Floats f) {
            return f.data();
        }
        throw new ModelException("input " + declared.describe() + " takes floats, but the decoder has "
                + value.getClass().getSimpleName().toLowerCase() + " for it");
    }

    /** One byte per element, 0 or 1, read from the booleans themselves (masks are Q x T x T). */
    private static ByteBuffer bools(TensorSpec declared, InputValue value) {
        ByteBuffer b;
        if (value instanceof InputValue.Bools bools) {
            b = ByteBuffer.allocateDirect(bools.data().length);
            for (boolean v : bools.data()) {
                b.put((byte) (v ? 1 : 0));
            }
        } else {
            long[] l = longs(declared, value);
            b = ByteBuffer.allocateDirect(l.length);
            for (long v : l) {
                b.put((byte) (v != 0 ? 1 : 0));
            }
        }
        return b.flip();
    }

    private static long[] longs(TensorSpec declared, InputValue value) {
        if (value instanceof InputValue.Longs l) {
            return l.data();
        }
        if (value instanceof InputValue.Bools b) {
            long[] out = new long[b.data().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.data()[i] ? 1 : 0;
            }
            return out;
        }
        throw new ModelException("input " + declared.describe() + " takes integers or booleans, but the decoder has"
                + " floats for it");
    }
}
