package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.ResizedImage;
import dev.autolabel.manifest.ManifestEntry;
import java.util.Optional;

/**
 * A decoded image ready for the models: its row, the fingerprint of what was read, its original size, and its
 * resized model inputs (pass 1; pass 1 on the mirrored image when the flip check is on; pass 2 when open-vocab is
 * on, the same object as pass 1's when both models resize alike). The decoded pixels themselves are already gone.
 */
record PreparedImage(long seq, ManifestEntry entry, String fingerprint, int width, int height, ResizedImage pass1,
        Optional<ResizedImage> mirrored, Optional<ResizedImage> pass2) {

    PreparedImage {
        requireNonNull(entry, "entry");
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(pass1, "pass1");
        requireNonNull(mirrored, "mirrored");
        requireNonNull(pass2, "pass2");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
    }
}
