package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.ResizedImage;
import dev.autolabel.tiling.View;
import java.util.Optional;

/**
 * One view of an image (the whole image or a tile) resized into the inputs its passes need: pass 1, pass 1 on the
 * mirrored view when the flip check is on, pass 2 (the same object as pass 1's when both models resize alike).
 * {@code last} marks the image's last view: the decode stage sends an image's views in order, so once it has
 * arrived the image has nothing more on its way.
 */
record ViewInput(ImageHeader image, View view, Optional<ResizedImage> pass1, Optional<ResizedImage> mirrored,
        Optional<ResizedImage> pass2, boolean last) {

    ViewInput {
        requireNonNull(image, "image");
        requireNonNull(view, "view");
        requireNonNull(pass1, "pass1");
        requireNonNull(mirrored, "mirrored");
        requireNonNull(pass2, "pass2");
        if (pass1.isPresent() != view.precision() || pass2.isPresent() != view.openVocab()) {
            throw new IllegalArgumentException("the inputs of a view are those of its passes: " + view);
        }
    }

    /** The view's width in original pixels: its tile's, or the image's. */
    int width() {
        return view.tile().map(t -> t.width()).orElse(image.width());
    }
}
