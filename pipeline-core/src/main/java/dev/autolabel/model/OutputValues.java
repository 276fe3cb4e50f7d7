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
                return floats(tensor.getFloatBuffer());
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

    /**
     * The buffer's floats. ONNX Runtime's getFloatBuffer already copies the native output into a new heap buffer, so
     * its array is ours to keep: copying it again would cost a batch's output (22 MB at YOLOv8's 8x84x8400) twice.
     */
    private static float[] floats(FloatBuffer b) {
        if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.array().length == b.remaining()) {
            return b.array();
        }
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }
}
