package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.InputSpec;

/** What every decoder has: the image input's name and how images are prepared for it. */
abstract class ImageAdapter implements DetectorAdapter {

    protected final InputSpec spec;
    protected final String imageInput;

    ImageAdapter(InputSpec spec, String imageInput) {
        this.spec = requireNonNull(spec, "spec");
        this.imageInput = requireNonNull(imageInput, "imageInput");
    }

    @Override
    public final InputSpec inputSpec() {
        return spec;
    }

    @Override
    public final String imageInputName() {
        return imageInput;
    }
}
