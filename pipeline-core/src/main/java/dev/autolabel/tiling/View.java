package dev.autolabel.tiling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Tile;
import java.util.Optional;

/**
 * One region of an image that goes through the models on its own: the whole image (no tile) or one tile, and which
 * passes run on it. When both passes see the image alike (same tiles, or neither tiled) one view serves both, so
 * both models read the same resized pixels.
 */
public record View(Optional<Tile> tile, boolean precision, boolean openVocab) {

    public View {
        requireNonNull(tile, "tile");
        if (!precision && !openVocab) {
            throw new IllegalArgumentException("a view is for at least one pass");
        }
    }

    public boolean isTile() {
        return tile.isPresent();
    }
}
