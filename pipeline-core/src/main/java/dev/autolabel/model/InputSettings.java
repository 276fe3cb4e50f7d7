package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.InputSpec;
import dev.autolabel.image.ResizeMode;
import java.util.Arrays;

/**
 * Configured input preparation for one model. A width or height of 0 means "take it from the model's declared
 * input shape"; if the model's size is dynamic, {@code fallbackSize} is used.
 */
public record InputSettings(int width, int height, int fallbackSize, ResizeMode resize, int padValue, boolean bgr,
        float[] mean, float[] std) {

    public InputSettings {
        requireNonNull(resize, "resize");
        requireNonNull(mean, "mean");
        requireNonNull(std, "std");
        if (width < 0 || height < 0 || fallbackSize < 1) {
            throw new IllegalArgumentException("input size must be >= 0 (0 = from model) and fallback >= 1");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** YOLO defaults: size from the model (640 if dynamic), letterbox grey 114, RGB 0..1. */
    public static InputSettings yoloDefaults() {
        return new InputSettings(0, 0, 640, ResizeMode.LETTERBOX, 114, false, new float[3], new float[] {1f, 1f, 1f});
    }

    /** The concrete spec for a model whose image input is declared as {@code shape} ([N,3,H,W], -1 dynamic). */
    public InputSpec resolve(long[] shape) {
        if (shape.length != 4 || (shape[1] != 3 && shape[1] != -1)) {
            throw new ModelException("image input must be [N,3,H,W], model declares " + Arrays.toString(shape));
        }
        int h = height > 0 ? height : shape[2] > 0 ? (int) shape[2] : fallbackSize;
        int w = width > 0 ? width : shape[3] > 0 ? (int) shape[3] : fallbackSize;
        if ((shape[2] > 0 && shape[2] != h) || (shape[3] > 0 && shape[3] != w)) {
            throw new ModelException("configured input size " + w + "x" + h + " does not match the model's fixed input "
                    + Arrays.toString(shape));
        }
        return new InputSpec(w, h, resize, padValue, bgr, mean, std);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }
}
