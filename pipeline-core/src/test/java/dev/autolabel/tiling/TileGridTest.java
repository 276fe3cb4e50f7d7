package dev.autolabel.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Tile;
import dev.autolabel.image.InputSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where tiles lie: evenly spread, whole, overlapping by at least the setting, covering every pixel. */
class TileGridTest {

    private static final InputSpec INPUT_640 = InputSpec.yolo(640, 640);

    private static TilingSettings on(int size, float overlap, int minImageSize) {
        return new TilingSettings(true, size, overlap, true, minImageSize, false);
    }

    @Test
    void startsAreEvenlySpreadFromTheStartToTheEnd() {
        assertArrayEquals(new int[] {0}, TileGrid.starts(640, 640, 0.2f), "no longer than a tile: one");
        assertArrayEquals(new int[] {0, 360}, TileGrid.starts(1000, 640, 0.2f));
        assertArrayEquals(new int[] {0, 512}, TileGrid.starts(1152, 640, 0.2f), "exactly one step");
        // One pixel more needs a third tile; spread evenly rather than a sliver apart at the end.
        assertArrayEquals(new int[] {0, 256, 513}, TileGrid.starts(1153, 640, 0.2f));
        assertArrayEquals(new int[] {0, 64, 128}, TileGrid.starts(192, 64, 0f), "no overlap: side by side");
    }

    @Test
    void tilesCoverEveryPixelOverlapAtLeastTheSettingAndStayInside() {
        for (int length : new int[] {641, 1000, 1920, 4032, 10_000}) {
            for (float overlap : new float[] {0f, 0.2f, 0.5f}) {
                int[] starts = TileGrid.starts(length, 640, overlap);
                assertEquals(0, starts[0]);
                assertEquals(length - 640, starts[starts.length - 1], "the last tile ends on the edge");
                for (int i = 1; i < starts.length; i++) {
                    int shared = starts[i - 1] + 640 - starts[i];
                    assertTrue(shared >= Math.floor(640 * overlap) - 1 && shared > 0 || overlap == 0f && shared >= 0,
                            length + "/" + overlap + ": tiles " + (i - 1) + " and " + i + " share " + shared);
                }
            }
        }
    }

    @Test
    void sizeZeroIsTheModelInputAndIndicesRunRowMajor() {
        TileGrid grid = new TileGrid(on(0, 0.2f, 0), InputSpec.yolo(640, 384));
        assertEquals(640, grid.tileWidth());
        assertEquals(384, grid.tileHeight());
        List<Tile> tiles = grid.tilesOf(1000, 600);
        assertEquals(List.of(new Tile(0, 0, 0, 640, 384), new Tile(1, 360, 0, 640, 384), new Tile(2, 0, 216, 640, 384),
                new Tile(3, 360, 216, 640, 384)), tiles);
    }

    @Test
    void onlyImagesOverTheThresholdAndOverATileAreTiled() {
        TileGrid grid = new TileGrid(on(640, 0.2f, 1280), INPUT_640);
        assertFalse(grid.tiles(1280, 720), "not over min-image-size");
        assertTrue(grid.tiles(1281, 720));
        assertEquals(List.of(), grid.tilesOf(1280, 720));
        TileGrid anyOverATile = new TileGrid(on(640, 0.2f, 0), INPUT_640);
        assertFalse(anyOverATile.tiles(640, 640), "one tile would be the image itself");
        assertTrue(anyOverATile.tiles(641, 300));
        List<Tile> strip = anyOverATile.tilesOf(1000, 300);
        assertEquals(2, strip.size());
        assertEquals(300, strip.get(0).height(), "on an axis no longer than a tile, the tile is the image's extent");
        assertFalse(new TileGrid(TilingSettings.off(), INPUT_640).tiles(10_000, 10_000), "off");
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new TilingSettings(true, 8, 0.2f, true, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new TilingSettings(true, 640, 0.95f, true, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new TilingSettings(true, 640, 0.2f, true, -1, false));
    }
}
