package dev.autolabel.tiling;

import static java.util.Objects.requireNonNull;

/** The tiling of each pass: {@code precision.tiling} and {@code open-vocab.tiling}. */
public record PassTiling(TilingSettings precision, TilingSettings openVocab) {

    public PassTiling {
        requireNonNull(precision, "precision");
        requireNonNull(openVocab, "openVocab");
    }

    /** Neither pass tiles: every image goes through each model whole. */
    public static PassTiling off() {
        return new PassTiling(TilingSettings.off(), TilingSettings.off());
    }
}
