package dev.autolabel.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import dev.autolabel.testing.TestImages;
import dev.autolabel.testing.TestImages.Canvas;
import java.awt.Color;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageIoDecoderTest {

    private static final Color GREY = new Color(128, 128, 128);
    private static final Color RED = new Color(230, 20, 20);
    private final ImageIoDecoder decoder = new ImageIoDecoder(new DecodeLimits(100_000_000));

    /** Several colours at odd places, including the edges, so channel order and strides all show. */
    private static Canvas scene() {
        return TestImages.canvas(67, 45, GREY)
                .fill(10, 5, 30, 20, RED)
                .fill(40, 20, 67, 45, new Color(10, 200, 60))
                .fill(0, 30, 8, 45, new Color(20, 40, 250));
    }

    private RgbImage decode(byte[] bytes) throws LabelingException {
        return decoder.decode(bytes, "s3://bucket/img");
    }

    private LabelingException failure(byte[] bytes) {
        return assertThrows(LabelingException.class, () -> decode(bytes));
    }

    private static void assertSamePixels(RgbImage expected, RgbImage actual) {
        assertEquals(expected.width(), actual.width(), "width");
        assertEquals(expected.height(), actual.height(), "height");
        assertArrayEquals(expected.rgb(), actual.rgb());
    }

    @Test
    void pngDecodesToExactPixels() throws Exception {
        assertSamePixels(scene().rgbImage(), decode(scene().png()));
    }

    @Test
    void losslessFormatsDecodeToExactPixels() throws Exception {
        assertSamePixels(scene().rgbImage(), decode(scene().palettePng()));
        assertSamePixels(scene().rgbImage(), decode(scene().gif()));
        assertSamePixels(scene().rgbImage(), decode(scene().bmp()));
        assertSamePixels(scene().rgbImage(), decode(scene().tiff()));
        assertSamePixels(scene().rgbImage(), decode(scene().rgb16Png()));
    }

    @Test
    void jpegDecodesWithinAFewLevelsAwayFromEdges() throws Exception {
        Canvas canvas = TestImages.canvas(96, 64, GREY).fill(16, 16, 48, 48, RED).fill(64, 0, 96, 32, new Color(30, 60, 200));
        RgbImage decoded = decode(canvas.jpeg(95));
        assertEquals(96, decoded.width());
        assertEquals(64, decoded.height());
        int checked = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                if (nearEdge(x, 16, 48) && inside(y, 16 - 4, 48 + 4) || nearEdge(y, 16, 48) && inside(x, 16 - 4, 48 + 4)
                        || nearEdge(x, 64, 96) && y < 36 || nearEdge(y, 0, 32) && x >= 60) {
                    continue;
                }
                Color want = canvas.colorAt(x, y);
                int[] wanted = {want.getRed(), want.getGreen(), want.getBlue()};
                for (int c = 0; c < 3; c++) {
                    int got = decoded.channel(x, y, c);
                    assertTrue(Math.abs(got - wanted[c]) <= 8, "pixel " + x + "," + y + " channel " + c + ": " + got + " vs " + wanted[c]);
                }
                checked++;
            }
        }
        assertTrue(checked > 96 * 64 / 2, "most pixels are compared");
    }

    private static boolean nearEdge(int v, int lo, int hi) {
        return Math.abs(v - lo) < 4 || Math.abs(v - hi) < 4;
    }

    private static boolean inside(int v, int lo, int hi) {
        return v >= lo && v < hi;
    }

    @Test
    void greyscalePngBecomesRgbWithoutGammaShift() throws Exception {
        // ImageIO's getRGB would map grey 100 through a linear-grey colour space to about 168.
        Canvas canvas = TestImages.canvas(20, 10, new Color(100, 100, 100)).fill(5, 2, 9, 8, new Color(200, 200, 200)).fill(12, 0, 20, 10, RED);
        for (byte[] bytes : new byte[][] {canvas.greyPng(), canvas.grey16Png()}) {
            RgbImage decoded = decode(bytes);
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 20; x++) {
                    int luma = TestImages.luma(canvas.colorAt(x, y));
                    for (int c = 0; c < 3; c++) {
                        assertEquals(luma, decoded.channel(x, y, c), "pixel " + x + "," + y);
                    }
                }
            }
        }
        assertEquals(100, decode(canvas.greyPng()).channel(0, 0, 0));
    }

    @Test
    void greyscaleJpegBecomesRgb() throws Exception {
        RgbImage decoded = decode(TestImages.canvas(32, 32, new Color(90, 90, 90)).greyJpeg(95));
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(decoded.channel(16, 16, c) - 90) <= 2, "channel " + c + " = " + decoded.channel(16, 16, c));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 128, 255})
    void alphaIsDroppedAndColourKept(int alpha) throws Exception {
        // Even fully transparent pixels keep their stored colour: dropped, not composited over anything.
        assertSamePixels(scene().rgbImage(), decode(scene().pngWithAlpha(alpha)));
    }

    @Test
    void exifOrientationsRotateTheImageUpright() throws Exception {
        // Stored image 64x40 with a red square in its top-left corner.
        byte[] stored = TestImages.canvas(64, 40, GREY).fill(0, 0, 12, 12, RED).jpeg(95);
        assertRedSquareAt(decode(stored), 64, 40, 0, 0);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            assertRedSquareAt(decode(TestImages.withExifOrientation(stored, 3, order)), 64, 40, 52, 28);
            assertRedSquareAt(decode(TestImages.withExifOrientation(stored, 6, order)), 40, 64, 28, 0);
            assertRedSquareAt(decode(TestImages.withExifOrientation(stored, 8, order)), 40, 64, 0, 52);
            assertRedSquareAt(decode(TestImages.withExifOrientation(stored, 2, order)), 64, 40, 52, 0);
            assertRedSquareAt(decode(TestImages.withExifOrientation(stored, 4, order)), 64, 40, 0, 28);
            assertRedSquareAt(decode(TestImages.withExifOrientation(stored, 5, order)), 40, 64, 0, 0);
            assertRedSquareAt(decode(TestImages.withExifOrientation(stored, 7, order)), 40, 64, 28, 52);
        }
    }

    @Test
    void exifOrientationIsIgnoredOutsideJpeg() throws Exception {
        // A PNG is never rotated (PNG orientation lives in an eXIf chunk this decoder does not read).
        assertRedSquareAt(decode(TestImages.canvas(64, 40, GREY).fill(0, 0, 12, 12, RED).png()), 64, 40, 0, 0);
    }

    /** The 12x12 red square has its top-left at (x, y): red at its centre, grey at the centre of the image. */
    private static void assertRedSquareAt(RgbImage image, int width, int height, int x, int y) {
        assertEquals(width, image.width(), "width");
        assertEquals(height, image.height(), "height");
        int cx = x + 6;
        int cy = y + 6;
        assertTrue(image.channel(cx, cy, 0) > 200 && image.channel(cx, cy, 1) < 60, "red square expected at " + x + "," + y);
        int redCorners = 0;
        for (int[] corner : new int[][] {{0, 0}, {width - 12, 0}, {0, height - 12}, {width - 12, height - 12}}) {
            if (image.channel(corner[0] + 6, corner[1] + 6, 1) < 60) {
                redCorners++;
            }
        }
        assertEquals(1, redCorners, "exactly one corner is red");
    }

    @Test
    void htmlPageIsCorruptAndSaysWhatItLooksLike() {
        LabelingException e = failure(TestImages.htmlErrorPage());
        assertEquals(ErrorCode.CORRUPT_IMAGE, e.code());
        assertTrue(e.getMessage().contains("HTML page"), e.getMessage());
        assertTrue(e.getMessage().contains("s3://bucket/img"), e.getMessage());
        LabelingException binary = failure(new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0});
        assertEquals(ErrorCode.CORRUPT_IMAGE, binary.code());
        assertTrue(binary.getMessage().contains("gzip"), binary.getMessage());
    }

    @Test
    void zeroBytesIsEmptyObject() {
        assertEquals(ErrorCode.EMPTY_OBJECT, failure(new byte[0]).code());
    }

    @Test
    void truncatedJpegIsCorrupt() {
        byte[] jpeg = scene().jpeg(90);
        // Cut inside the scan data: ImageIO alone would decode this with grey fill and a warning.
        LabelingException inScan = failure(TestImages.truncated(jpeg, jpeg.length - 200));
        assertEquals(ErrorCode.CORRUPT_IMAGE, inScan.code());
        assertTrue(inScan.getMessage().contains("truncated"), inScan.getMessage());
        // Cut inside the headers.
        assertEquals(ErrorCode.CORRUPT_IMAGE, failure(TestImages.truncated(jpeg, 100)).code());
        // An embedded complete JPEG (as an EXIF thumbnail is) before the cut does not hide the missing EOI.
        byte[] withThumbnail = TestImages.insertApp1(jpeg, TestImages.canvas(8, 8, RED).jpeg(80));
        assertEquals(ErrorCode.CORRUPT_IMAGE, failure(TestImages.truncated(withThumbnail, withThumbnail.length - 200)).code());
    }

    @Test
    void jpegWithDataAfterEndOfImageStillDecodes() throws Exception {
        // Some cameras append vendor data after EOI; the truncation check must not reject those.
        byte[] jpeg = scene().jpeg(95);
        byte[] trailing = Arrays.copyOf(jpeg, jpeg.length + 64);
        Arrays.fill(trailing, jpeg.length, trailing.length, (byte) 0x42);
        assertEquals(67, decode(trailing).width());
    }

    @Test
    void truncatedPngIsCorrupt() {
        byte[] png = scene().png();
        assertEquals(ErrorCode.CORRUPT_IMAGE, failure(TestImages.truncated(png, png.length / 2)).code());
        assertEquals(ErrorCode.CORRUPT_IMAGE, failure(TestImages.truncated(png, 20)).code());
    }

    @Test
    void oversizedPngHeaderIsRefusedBeforeAllocating() {
        // Decoding would need 30 GB: an OutOfMemoryError, not this exception, if the header were not checked first.
        LabelingException e = failure(TestImages.bombPng(100_000, 100_000));
        assertEquals(ErrorCode.DECOMPRESSION_BOMB, e.code());
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
    }

    @Test
    void oversizedJpegHeaderIsRefusedBeforeAllocating() {
        byte[] bomb = TestImages.withJpegSize(scene().jpeg(90), 60_000, 60_000);
        LabelingException e = failure(bomb);
        assertEquals(ErrorCode.DECOMPRESSION_BOMB, e.code());
        assertTrue(e.getMessage().contains("60000x60000"), e.getMessage());
    }

    @Test
    void pixelLimitIsInclusive() throws Exception {
        byte[] png = scene().png();
        assertEquals(67, new ImageIoDecoder(new DecodeLimits(67 * 45)).decode(png, "u").width());
        LabelingException e = assertThrows(LabelingException.class, () -> new ImageIoDecoder(new DecodeLimits(67 * 45 - 1)).decode(png, "u"));
        assertEquals(ErrorCode.DECOMPRESSION_BOMB, e.code());
        // Even with no configured limit, packed RGB must fit in one array: 50000x50000x3 bytes does not.
        LabelingException unlimited = assertThrows(LabelingException.class,
                () -> new ImageIoDecoder(new DecodeLimits(Long.MAX_VALUE)).decode(TestImages.bombPng(50_000, 50_000), "u"));
        assertEquals(ErrorCode.DECOMPRESSION_BOMB, unlimited.code());
    }

    @Test
    void recognisedFormatsWithoutReaderAreUnsupported() {
        LabelingException webp = failure(TestImages.webpHeader());
        assertEquals(ErrorCode.UNSUPPORTED_FORMAT, webp.code());
        assertTrue(webp.getMessage().contains("WEBP"), webp.getMessage());
        byte[] heic = new byte[32];
        System.arraycopy("\0\0\0\u0018ftypheic".getBytes(StandardCharsets.ISO_8859_1), 0, heic, 0, 12);
        assertEquals(ErrorCode.UNSUPPORTED_FORMAT, failure(heic).code());
    }

    @Test
    void cmykJpegDecodesThroughJavaColourConversion() throws Exception {
        RgbImage decoded = decode(TestImages.rawJpeg(24, 16, 4, 100));
        assertEquals(24, decoded.width());
        assertEquals(16, decoded.height());
        // Equal C, M, Y and K give a neutral colour.
        assertEquals(decoded.channel(12, 8, 0), decoded.channel(12, 8, 1), 2);
        assertEquals(decoded.channel(12, 8, 1), decoded.channel(12, 8, 2), 2);
    }

    @Test
    void jpegColourLayoutImageIoCannotReadIsUnsupported() {
        LabelingException e = failure(TestImages.rawJpeg(16, 16, 2, 100));
        assertEquals(ErrorCode.UNSUPPORTED_FORMAT, e.code());
        assertTrue(e.getMessage().contains("Unsupported Image Type"), e.getMessage());
    }

    @Test
    void garbageAfterAValidSignatureIsCorrupt() {
        byte[] png = scene().png();
        byte[] garbled = png.clone();
        for (int i = 40; i < garbled.length - 12; i++) {
            garbled[i] = (byte) (i * 31);
        }
        assertEquals(ErrorCode.CORRUPT_IMAGE, failure(garbled).code());
    }
}
