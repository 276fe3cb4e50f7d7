package dev.autolabel.model;

import dev.autolabel.detect.Box;

/** How an open-vocabulary model encodes its boxes; normalised formats are fractions of the model input. */
public enum BoxFormat {
    CXCYWH_NORMALIZED("cxcywh-normalized"),
    XYXY_NORMALIZED("xyxy-normalized"),
    CXCYWH_PIXELS("cxcywh-pixels"),
    XYXY_PIXELS("xyxy-pixels");

    private final String configName;

    BoxFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static BoxFormat fromConfigName(String name) {
        for (BoxFormat f : values()) {
            if (f.configName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown box format '" + name
                + "' (expected cxcywh-normalized, xyxy-normalized, cxcywh-pixels or xyxy-pixels)");
    }

    /** The box in model-input pixels for an input of the given size. */
    public Box toInputPixels(float a, float b, float c, float d, int inputWidth, int inputHeight) {
        boolean normalized = this == CXCYWH_NORMALIZED || this == XYXY_NORMALIZED;
        float sx = normalized ? inputWidth : 1f;
        float sy = normalized ? inputHeight : 1f;
        if (this == CXCYWH_NORMALIZED || this == CXCYWH_PIXELS) {
            return Box.fromCenter(a * sx, b * sy, c * sx, d * sy);
        }
        return Box.ofCorners(a * sx, b * sy, c * sx, d * sy);
    }

    /** As {@link #toInputPixels}, with a zero-area box for non-finite values (dropped later as degenerate). */
    public Box toInputPixelsOrDegenerate(float a, float b, float c, float d, int inputWidth, int inputHeight) {
        return Outputs.finite(a, b, c, d) ? toInputPixels(a, b, c, d, inputWidth, inputHeight) : Outputs.degenerate();
    }
}
