package dev.autolabel.model;

import java.util.Map;

/** Small checks shared by the adapters when reading model outputs. */
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
}
