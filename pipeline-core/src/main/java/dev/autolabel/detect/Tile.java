package dev.autolabel.detect;

/**
 * A window of an image that went through a model on its own (tiled inference), in original-image pixels: its
 * index in its pass's row-major tile grid and its region {@code [x, x + width) x [y, y + height)}. A detection made
 * on a tile records it; one made on the whole image records none.
 */
public record Tile(int index, int x, int y, int width, int height) {

    public Tile {
        if (index < 0 || x < 0 || y < 0) {
            throw new IllegalArgumentException("tile index and position must be >= 0, got " + index + " at " + x + "," + y);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("tile size must be positive, got " + width + "x" + height);
        }
    }

    /** A box in this tile's own pixels moved into the image's pixels. */
    public Box toImage(Box inTile) {
        return new Box(inTile.x1() + x, inTile.y1() + y, inTile.x2() + x, inTile.y2() + y);
    }

    /**
     * Whether {@code box} (image pixels) reaches within {@code margin} pixels of an edge of this tile that lies
     * inside the image (not on the image's own border): the object may go on beyond the tile, so the box may be cut.
     */
    public boolean cuts(Box box, int imageWidth, int imageHeight, float margin) {
        return (x > 0 && box.x1() <= x + margin)
                || (y > 0 && box.y1() <= y + margin)
                || (x + width < imageWidth && box.x2() >= x + width - margin)
                || (y + height < imageHeight && box.y2() >= y + height - margin);
    }
}
