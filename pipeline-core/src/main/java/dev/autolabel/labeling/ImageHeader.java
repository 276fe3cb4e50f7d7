package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.manifest.ManifestEntry;

/**
 * A decoded image on its way to the models, without its pixels: its row, the fingerprint of what was read, its
 * original size, and how many views of it ({@link ViewInput}: the whole image, tiles) the decode stage sends on.
 */
record ImageHeader(long seq, ManifestEntry entry, String fingerprint, int width, int height, int views) {

    ImageHeader {
        requireNonNull(entry, "entry");
        requireNonNull(fingerprint, "fingerprint");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (views < 1) {
            throw new IllegalArgumentException("an image has at least one view, got " + views);
        }
    }
}
