package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.InputSpec;
import dev.autolabel.image.ResizeMode;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Configured input preparation for one model. Whatever is left unset (a width or height of 0, an empty option)
 * comes from the export family's own preprocessing: its fit, padding, channel order and mean/std, and the size
 * the model declares (or its {@code imgsz} metadata, or the family's usual size when the size is dynamic).
 * {@code fallbackSize} is the square size used for families without one of their own when the model's is dynamic.
 */
public record InputSettings(int width, int height, int fallbackSize, Optional<ResizeMode> resize, OptionalInt padValue,
        Optional<Boolean> bgr, Optional<float[]> mean, Optional<float[]> std) {

    public InputSettings {
        requireNonNull(resize, "resize");
        requireNonNull(padValue, "padValue");
        requireNonNull(bgr, "bgr");
        requireNonNull(mean, "mean");
        requireNonNull(std, "std");
        if (width < 0 || height < 0 || fallbackSize < 1) {
            throw new IllegalArgumentException("input size must be >= 0 (0 = from model) and fallback >= 1");
        }
        mean = mean.map(float[]::clone);
        std = std.map(float[]::clone);
    }

    /** Every setting given explicitly (sizes 0 = from the model). */
    public InputSettings(int width, int height, int fallbackSize, ResizeMode resize, int padValue, boolean bgr,
            float[] mean, float[] std) {
        this(width, height, fallbackSize, Optional.of(resize), OptionalInt.of(padValue), Optional.of(bgr),
                Optional.of(mean), Optional.of(std));
    }

    /** Nothing set: the family's preprocessing and the model's size. */
    public static InputSettings familyDefaults() {
        return new InputSettings(0, 0, 640, Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** YOLO defaults: size from the model (640 if dynamic), letterbox grey 114, RGB 0..1. */
    public static InputSettings yoloDefaults() {
        return new InputSettings(0, 0, 640, ResizeMode.LETTERBOX, 114, false, new float[3], new float[] {1f, 1f, 1f});
    }

    /**
     * The concrete spec for an image input declared as {@code declared} ([N,3,H,W], or [3,H,W]; -1 dynamic), given
     * the family's own preprocessing {@code family} (whose size is used where neither config nor model fixes one).
     * A configured size that contradicts the model's fixed size is an error naming the tensor.
     */
    public InputSpec resolve(TensorSpec declared, InputSpec family) {
        long[] shape = declared.shape();
        int offset = shape.length - 3;
        if (offset < 0 || offset > 1 || (shape[offset] != 3 && shape[offset] != -1)) {
            throw new ModelException("image input " + declared.describe() + " must be [N, 3, H, W] (or [3, H, W])");
        }
        long modelH = shape[offset + 1];
        long modelW = shape[offset + 2];
        ResizeMode mode = resize.orElse(family.resizeMode());
        int h = height > 0 ? height : modelH > 0 ? (int) modelH : family.height();
        int w = width > 0 ? width : modelW > 0 ? (int) modelW : family.width();
        if (!mode.variableSize() && ((modelH > 0 && modelH != h) || (modelW > 0 && modelW != w))) {
            throw new ModelException("configured input size " + w + "x" + h + " does not match the model's fixed input "
                    + declared.describe() + ": set input.width = " + modelW + " and input.height = " + modelH
                    + " (or 0 to take them from the model)");
        }
        return new InputSpec(w, h, mode, padValue.orElse(family.padValue()), bgr.orElse(family.bgr()),
                mean.orElse(family.mean()), std.orElse(family.std()));
    }

    @Override
    public Optional<float[]> mean() {
        return mean.map(float[]::clone);
    }

    @Override
    public Optional<float[]> std() {
        return std.map(float[]::clone);
    }

    @Override
    public String toString() {
        return "InputSettings[" + width + "x" + height + ", fallback " + fallbackSize + ", " + resize + ", pad " + padValue
                + ", bgr " + bgr + ", mean " + mean.map(Arrays::toString) + ", std " + std.map(Arrays::toString) + "]";
    }
}
