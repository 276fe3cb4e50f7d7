package dev.autolabel.image;

import dev.autolabel.detect.Box;

/**
 * The affine map from original-image pixels to model-input pixels: {@code input = original * scale + pad}.
 * Used backwards to put detections into original-image coordinates, clipped to the image.
 */
public record ImageTransform(int originalWidth, int originalHeight, float scaleX, float scaleY, float padX, float padY) {

    public ImageTransform {
        if (originalWidth <= 0 || originalHeight <= 0) {
            throw new IllegalArgumentException("original size must be positive");
        }
        if (!(scaleX > 0f) || !(scaleY > 0f)) {
            throw new IllegalArgumentException("scales must be positive");
        }
    }

    /** The transform that fits an image into {@code spec}'s input. */
    public static ImageTransform fit(int originalWidth, int originalHeight, InputSpec spec) {
        switch (spec.resizeMode()) {
            case STRETCH:
                return new ImageTransform(originalWidth, originalHeight,
                        (float) spec.width() / originalWidth, (float) spec.height() / originalHeight, 0f, 0f);
            case ORIGINAL:
                return new ImageTransform(originalWidth, originalHeight, 1f, 1f, 0f, 0f);
            case SHORT_SIDE:
                return shortSide(originalWidth, originalHeight, spec.height(), spec.width());
            default:
                break;
        }
        // Integer content size and padding, as the resampler writes whole pixels: the transform is exact.
        float scale = Math.min((float) spec.width() / originalWidth, (float) spec.height() / originalHeight);
        int contentW = Math.max(1, Math.min(spec.width(), Math.round(originalWidth * scale)));
        int contentH = Math.max(1, Math.min(spec.height(), Math.round(originalHeight * scale)));
        boolean centred = spec.resizeMode() == ResizeMode.LETTERBOX;
        return new ImageTransform(originalWidth, originalHeight,
                (float) contentW / originalWidth, (float) contentH / originalHeight,
                centred ? (spec.width() - contentW) / 2 : 0, centred ? (spec.height() - contentH) / 2 : 0);
    }

    /**
     * Short side to {@code shortSide} unless the long side would pass {@code longSide}, rounded as Hugging Face's
     * image processors do ({@code get_resize_output_image_size}), so boxes map back exactly.
     */
    private static ImageTransform shortSide(int w, int h, int shortSide, int longSide) {
        int size = shortSide;
        double raw = -1;
        double min = Math.min(w, h);
        double max = Math.max(w, h);
        if (max / min * size > longSide) {
            raw = longSide * min / max;
            size = (int) Math.round(raw);
        }
        double scaleBase = raw > 0 ? raw : size;
        int ow;
        int oh;
        if ((h <= w && h == size) || (w <= h && w == size)) {
            ow = w;
            oh = h;
        } else if (w < h) {
            ow = size;
            oh = (int) (scaleBase * h / w);
        } else {
            oh = size;
            ow = (int) (scaleBase * w / h);
        }
        return new ImageTransform(w, h, (float) ow / w, (float) oh / h, 0f, 0f);
    }

    /** Width of the resized image plane: the model input's for fixed-size inputs, else the content's. */
    public int planeWidth(InputSpec spec) {
        return spec.resizeMode().variableSize() ? contentWidth() : spec.width();
    }

    /** Height of the resized image plane: the model input's for fixed-size inputs, else the content's. */
    public int planeHeight(InputSpec spec) {
        return spec.resizeMode().variableSize() ? contentHeight() : spec.height();
    }

    /** Width in input pixels that the image content covers (the rest is padding). */
    public int contentWidth() {
        return Math.round(originalWidth * scaleX);
    }

    /** Height in input pixels that the image content covers (the rest is padding). */
    public int contentHeight() {
        return Math.round(originalHeight * scaleY);
    }

    /** Maps a box in model-input pixels back to original-image pixels, clipped to the image. */
    public Box toOriginal(Box inputBox) {
        Box mapped = new Box(
                (inputBox.x1() - padX) / scaleX,
                (inputBox.y1() - padY) / scaleY,
                (inputBox.x2() - padX) / scaleX,
                (inputBox.y2() - padY) / scaleY);
        return mapped.clipTo(originalWidth, originalHeight);
    }

    /** Maps a box in original-image pixels into model-input pixels (the inverse of {@link #toOriginal}). */
    public Box toInput(Box originalBox) {
        return new Box(
                originalBox.x1() * scaleX + padX,
                originalBox.y1() * scaleY + padY,
                originalBox.x2() * scaleX + padX,
                originalBox.y2() * scaleY + padY);
    }
}
