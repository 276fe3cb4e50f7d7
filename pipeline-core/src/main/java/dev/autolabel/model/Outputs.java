package dev.autolabel.model;

import dev.autolabel.detect.Box;
import java.util.Map;

/** Small checks and conversions shared by the adapters when reading model outputs. */
final class Outputs {

    private Outputs() {
    }

    static TensorData require(Map<String, TensorData> outputs, String name, int rank) {
        TensorData t = outputs.get(name);
        if (t == null) {
            throw new ModelException("model has no output '" + name + "'; outputs are " + outputs.keySet());
        }
        if (t.rank() != rank) {
            throw new ModelException("output '" + name + "' has shape " + t.shapeString() + ", expected rank " + rank);
        }
        return t;
    }

    /** Scores a hair outside [0, 1] (float rounding, unnormalised exports) are clamped; NaN becomes 0. */
    static float clampScore(float s) {
        return Float.isNaN(s) ? 0f : Math.max(0f, Math.min(1f, s));
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    static boolean finite(float a, float b, float c, float d) {
        return Float.isFinite(a) && Float.isFinite(b) && Float.isFinite(c) && Float.isFinite(d);
    }

    /** A zero-area box at the origin: what a non-finite model box becomes, so it is dropped as degenerate. */
    static Box degenerate() {
        return new Box(0f, 0f, 0f, 0f);
    }
}
