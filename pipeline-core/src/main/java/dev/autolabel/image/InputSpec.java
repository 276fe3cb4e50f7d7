package dev.autolabel.image;

import static java.util.Objects.requireNonNull;

/**
 * What a model wants as input: size, fit, padding, channel order and normalisation.
 * A pixel value v in 0..255 becomes {@code (v / 255 - mean[c]) / std[c]}.
 */
public record InputSpec(int width, int height, ResizeMode resizeMode, int padValue, boolean bgr, float[] mean, float[] std) {

    public InputSpec {
        requireNonNull(resizeMode, "resizeMode");
        requireNonNull(mean, "mean");
        requireNonNull(std, "std");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + width + "x" + height);
        }
        if (padValue < 0 || padValue > 255) {
            throw new IllegalArgumentException("pad value must be in 0..255, got " + padValue);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (R, G, B)");
        }
        for (float s : std) {
            if (!(s > 0f)) {
                throw new IllegalArgumentException("std values must be > 0");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** YOLO convention: letterbox with grey 114, RGB, 0..1, no mean/std. */
    public static InputSpec yolo(int width, int height) {
        return new InputSpec(width, height, ResizeMode.LETTERBOX, 114, false, new float[] {0f, 0f, 0f}, new float[] {1f, 1f, 1f});
    }

    /** Floats per image in NCHW layout. */
    public int planeFloats() {
        return 3 * width * height;
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
