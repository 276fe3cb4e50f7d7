package dev.autolabel.model;

import ai.onnxruntime.OnnxTensor;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;

/** Copies a numeric output tensor of any element type into floats (float16 widened, class ids as floats). */
final class OutputValues {

    private OutputValues() {
    }

    static float[] asFloats(OnnxTensor tensor, String name, Path file) {
        switch (tensor.getInfo().type) {
            case FLOAT, FLOAT16, BFLOAT16 -> {
                FloatBuffer b = tensor.getFloatBuffer();
                float[] out = new float[b.remaining()];
                b.get(out);
                return out;
            }
            case INT64 -> {
                LongBuffer b = tensor.getLongBuffer();
                float[] out = new float[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i);
                }
                return out;
            }
            case INT32 -> {
                IntBuffer b = tensor.getIntBuffer();
                float[] out = new float[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i);
                }
                return out;
            }
            case BOOL, UINT8, INT8 -> {
                ByteBuffer b = tensor.getByteBuffer();
                float[] out = new float[b.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.get(i);
                }
                return out;
            }
            default -> throw new ModelException("output '" + name + "' of " + file + " has element type "
                    + tensor.getInfo().type + ", which autolabel cannot read");
        }
    }
}
