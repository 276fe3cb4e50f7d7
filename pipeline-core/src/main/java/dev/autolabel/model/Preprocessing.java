package dev.autolabel.model;

import dev.autolabel.image.InputSpec;
import dev.autolabel.image.ResizeMode;
import java.util.Arrays;

/** The preprocessing of each family (DESIGN.md section 3) and its one-line description. */
public final class Preprocessing {

    /** ImageNet mean and std (DETR family, Grounding DINO, torchvision's internal transform). */
    static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};
    /** CLIP's mean and std (OWL-ViT, OWLv2). */
    static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};
    static final float[] ZERO = {0f, 0f, 0f};
    static final float[] ONE = {1f, 1f, 1f};

    private Preprocessing() {
    }

    /** Plain 0..1 RGB, no mean/std, in the given fit. */
    static InputSpec unit(int width, int height, ResizeMode mode, int padValue) {
        return new InputSpec(width, height, mode, padValue, false, ZERO, ONE);
    }

    /** {@code letterbox 640x640 (pad 114), RGB, /255}. */
    public static String describe(InputSpec spec) {
        String fit = switch (spec.resizeMode()) {
            case LETTERBOX -> "letterbox " + spec.width() + "x" + spec.height() + " (pad " + spec.padValue() + ")";
            case STRETCH -> "stretch to " + spec.width() + "x" + spec.height();
            case PAD_SQUARE -> "pad to square (pad " + spec.padValue() + ", right and bottom), resize to " + spec.width()
                    + "x" + spec.height();
            case SHORT_SIDE -> "short side " + spec.height() + ", long side at most " + spec.width()
                    + " (batch padded right and bottom with 0)";
            case ORIGINAL -> "image at its own size (the graph resizes)";
        };
        String norm = Arrays.equals(spec.mean(), ZERO) && Arrays.equals(spec.std(), ONE) ? "/255"
                : "/255, mean " + Arrays.toString(spec.mean()) + ", std " + Arrays.toString(spec.std());
        return fit + ", " + (spec.bgr() ? "BGR" : "RGB") + ", " + norm;
    }
}
