package dev.autolabel.tiling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Tile;
import dev.autolabel.image.InputSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one pass's tiles lie on an image. Tiles are {@code tileWidth x tileHeight} original pixels (the model's
 * input size when {@code tiling.size} is 0, else a square of that side) and step by the tile less its overlap, as
 * SAHI does, but spread evenly: as few tiles as that step needs, the first on the image's start and the last on its
 * end (never hanging over it, never a sliver apart from its neighbour), so every tile is whole, neighbours overlap
 * by at least {@code overlap} and every pixel is seen at native resolution. On an axis where the image is no longer than a tile,
 * the tile is the image's extent. Indices run row-major.
 */
public final class TileGrid {

    private final TilingSettings settings;
    private final int tileWidth;
    private final int tileHeight;

    /** The grid of {@code settings} for a model whose input is {@code input}. */
    public TileGrid(TilingSettings settings, InputSpec input) {
        this.settings = requireNonNull(settings, "settings");
        requireNonNull(input, "input");
        this.tileWidth = settings.size() == 0 ? input.width() : settings.size();
        this.tileHeight = settings.size() == 0 ? input.height() : settings.size();
    }

    public int tileWidth() {
        return tileWidth;
    }

    public int tileHeight() {
        return tileHeight;
    }

    /** Whether an image of this size is tiled: tiling on, the longer side over the threshold, and over a tile. */
    public boolean tiles(int width, int height) {
        return settings.enabled() && Math.max(width, height) > settings.minImageSize()
                && (width > tileWidth || height > tileHeight);
    }

    /** Whether a tiled image also goes through the model whole. */
    public boolean includesFullImage() {
        return settings.includeFullImage();
    }

    /** The tiles of an image of this size, row-major; empty when it is not tiled. */
    public List<Tile> tilesOf(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (!tiles(width, height)) {
            return List.of();
        }
        int[] xs = starts(width, tileWidth, settings.overlap());
        int[] ys = starts(height, tileHeight, settings.overlap());
        int w = Math.min(tileWidth, width);
        int h = Math.min(tileHeight, height);
        List<Tile> tiles = new ArrayList<>(xs.length * ys.length);
        for (int y : ys) {
            for (int x : xs) {
                tiles.add(new Tile(tiles.size(), x, y, w, h));
            }
        }
        return List.copyOf(tiles);
    }

    /** Start positions along one axis: from 0 to {@code length - tile}, evenly spaced, no more than {@code step} apart. */
    static int[] starts(int length, int tile, float overlap) {
        if (length <= tile) {
            return new int[] {0};
        }
        int span = length - tile;
        int step = Math.max(1, (int) Math.floor(tile * (1 - overlap)));
        int gaps = (span + step - 1) / step;
        int[] starts = new int[gaps + 1];
        for (int i = 0; i <= gaps; i++) {
            starts[i] = (int) ((long) i * span / gaps);
        }
        return starts;
    }
}
