package dev.autolabel.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Tile;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import org.junit.jupiter.api.Test;

/**
 * A tile is resized as if it were an image of its own: the pixels of the cropped region, a transform to the tile's
 * pixels ({@link Tile#toImage} then moves boxes into the image's), also from a reduced (DCT-scaled) decode.
 */
class TileResizeTest {

    private static final InputSpec INPUT = InputSpec.yolo(40, 30);

    /** A picture with detail everywhere, so a misplaced pixel shows. */
    private static TestImages.Canvas busy(int width, int height) {
        TestImages.Canvas c = TestImages.canvas(width, height, new Color(20, 40, 60));
        for (int i = 0; i < 12; i++) {
            c = c.fill(7 * i, 5 * i, 7 * i + 9, 5 * i + 6, new Color(20 * i, 255 - 20 * i, 90 + 10 * i));
        }
        return c;
    }

    @Test
    void aTileTheSizeOfTheInputIsItsCroppedPixels() {
        TestImages.Canvas canvas = busy(100, 80);
        Tile tile = new Tile(3, 33, 21, 40, 30);
        Preprocessor preprocessor = new Preprocessor(INPUT);
        byte[] fromTile = new byte[INPUT.planeFloats()];
        ImageTransform transform = preprocessor.resizeInto(canvas.rgbImage(), tile, fromTile);

        byte[] fromCrop = new byte[INPUT.planeFloats()];
        preprocessor.resizeInto(crop(canvas, tile).rgbImage(), fromCrop);
        assertArrayEquals(fromCrop, fromTile);
        assertEquals(new ImageTransform(40, 30, 1f, 1f, 0f, 0f), transform, "the tile's own pixels");
        assertEquals(new Box(43, 31, 53, 41), tile.toImage(transform.toOriginal(new Box(10, 10, 20, 20))));
    }

    @Test
    void aMirroredTileIsTheCropMirrored() {
        TestImages.Canvas canvas = busy(100, 80);
        Tile tile = new Tile(0, 10, 12, 60, 30); // letterboxed: 40x20 content between padding rows
        Preprocessor preprocessor = new Preprocessor(INPUT);
        byte[] pixels = new byte[INPUT.planeFloats()];
        ResizedImage resized = new ResizedImage(pixels, preprocessor.resizeInto(canvas.rgbImage(), tile, pixels));
        preprocessor.mirrorContent(resized);

        byte[] expected = new byte[INPUT.planeFloats()];
        preprocessor.resizeInto(crop(canvas, tile).rgbImage().mirroredHorizontally(), expected);
        assertArrayEquals(expected, pixels);
    }

    @Test
    void aTileOfAReducedDecodeComesFromTheMatchingPixels() {
        // The image at half size (as a 1/2 DCT decode gives it): a tile of 80x60 original pixels is 40x30 decoded.
        TestImages.Canvas half = busy(100, 80);
        RgbImage decoded = half.rgbImage();
        RgbImage reduced = new RgbImage(decoded.width(), decoded.height(), decoded.rgb(), 200, 160);
        Tile tile = new Tile(0, 66, 42, 80, 60);
        Preprocessor preprocessor = new Preprocessor(INPUT);
        byte[] fromTile = new byte[INPUT.planeFloats()];
        ImageTransform transform = preprocessor.resizeInto(reduced, tile, fromTile);

        byte[] fromCrop = new byte[INPUT.planeFloats()];
        preprocessor.resizeInto(crop(half, new Tile(0, 33, 21, 40, 30)).rgbImage(), fromCrop);
        assertArrayEquals(fromCrop, fromTile, "the same decoded pixels, copied 1:1");
        assertEquals(new Box(86, 62, 106, 82), tile.toImage(transform.toOriginal(new Box(10, 10, 20, 20))),
                "input pixels are 2 original pixels each, from the tile's corner");
    }

    @Test
    void aTileOutsideTheImageIsABug() {
        Preprocessor preprocessor = new Preprocessor(INPUT);
        RgbImage image = busy(100, 80).rgbImage();
        assertThrows(IllegalArgumentException.class,
                () -> preprocessor.resizeInto(image, new Tile(0, 70, 0, 40, 30), new byte[INPUT.planeFloats()]));
    }

    private static TestImages.Canvas crop(TestImages.Canvas canvas, Tile tile) {
        TestImages.Canvas out = TestImages.canvas(tile.width(), tile.height(), canvas.background());
        for (int y = 0; y < tile.height(); y++) {
            for (int x = 0; x < tile.width(); x++) {
                out = out.fill(x, y, x + 1, y + 1, canvas.colorAt(tile.x() + x, tile.y() + y));
            }
        }
        return out;
    }
}
