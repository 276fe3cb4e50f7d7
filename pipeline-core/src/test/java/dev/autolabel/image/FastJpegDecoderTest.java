package dev.autolabel.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import dev.autolabel.testing.TestImages;
import dev.autolabel.testing.TestImages.Canvas;
import java.awt.Color;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The libjpeg-turbo path against the ImageIO path: same pixels, same sizes, same error codes. */
class FastJpegDecoderTest {

    private static final Color GREY = new Color(128, 128, 128);
    private static final Color RED = new Color(230, 20, 20);
    private static final DecodeLimits LIMITS = new DecodeLimits(100_000_000);

    private final ImageDecoder fast = new FastJpegDecoder(LIMITS, List.of());
    private final ImageDecoder imageIo = new ImageIoDecoder(LIMITS);

    private static Canvas scene() {
        return TestImages.canvas(200, 120, GREY)
                .fill(16, 16, 80, 64, RED)
                .fill(120, 40, 200, 120, new Color(10, 200, 60))
                .fill(0, 80, 40, 120, new Color(20, 40, 250));
    }

    @Test
    void nativeLibraryLoadsOnThisPlatform() {
        assertEquals(Optional.empty(), FastJpegDecoder.unavailableReason());
    }

    @Test
    void javaCppMemoryAccountingIsOffSoBigExecutorsNeverStallInSystemGc() {
        assertEquals(Optional.empty(), FastJpegDecoder.unavailableReason());
        assertEquals(0, org.bytedeco.javacpp.Pointer.maxBytes());
        assertEquals(0, org.bytedeco.javacpp.Pointer.maxPhysicalBytes());
    }

    @Test
    void fullSizeDecodeMatchesImageIoWithinRounding() throws Exception {
        byte[] jpeg = scene().jpeg(90);
        RgbImage a = fast.decode(jpeg, "u");
        RgbImage b = imageIo.decode(jpeg, "u");
        assertEquals(b.width(), a.width());
        assertEquals(b.height(), a.height());
        assertFalse(a.isReduced());
        // Both are libjpeg(-turbo) with the same IDCT and upsampling; SIMD rounding may differ by a level.
        assertTrue(maxDifference(a, b) <= 2, "max difference " + maxDifference(a, b));
    }

    @Test
    void greyscaleJpegBecomesRgb() throws Exception {
        RgbImage decoded = fast.decode(TestImages.canvas(32, 32, new Color(90, 90, 90)).greyJpeg(95), "u");
        for (int c = 0; c < 3; c++) {
            assertEquals(90, decoded.channel(16, 16, c), 2, "channel " + c);
        }
    }

    @Test
    void reducedDecodeAveragesBlocksAndKeepsTheOriginalSize() throws Exception {
        // A 64x64 letterbox target lets a 512x384 image decode at 1/8: 64x48 pixels, each an 8x8 block's average.
        ImageDecoder scaling = new FastJpegDecoder(LIMITS, List.of(InputSpec.yolo(64, 64)));
        Canvas canvas = TestImages.canvas(512, 384, GREY).fill(64, 64, 256, 192, RED);
        RgbImage reduced = scaling.decode(canvas.jpeg(95), "u");
        assertEquals(64, reduced.width());
        assertEquals(48, reduced.height());
        assertEquals(512, reduced.originalWidth());
        assertEquals(384, reduced.originalHeight());
        assertTrue(reduced.isReduced());
        assertColour(RED, reduced, 16, 12);
        assertColour(GREY, reduced, 48, 36);
    }

    @Test
    void reducedDecodeOfAnOddSizeRoundsUpAsLibjpegDoes() throws Exception {
        ImageDecoder scaling = new FastJpegDecoder(LIMITS, List.of(InputSpec.yolo(64, 64)));
        RgbImage reduced = scaling.decode(TestImages.canvas(517, 389, GREY).jpeg(90), "u");
        assertEquals(65, reduced.width(), "ceil(517 / 8)");
        assertEquals(49, reduced.height(), "ceil(389 / 8)");
        assertEquals(517, reduced.originalWidth());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
    void exifOrientationIsAppliedAsOnTheImageIoPath(int orientation) throws Exception {
        byte[] jpeg = TestImages.withExifOrientation(scene().jpeg(95), orientation, ByteOrder.LITTLE_ENDIAN);
        RgbImage a = fast.decode(jpeg, "u");
        RgbImage b = imageIo.decode(jpeg, "u");
        assertEquals(b.width(), a.width());
        assertEquals(b.height(), a.height());
        assertTrue(maxDifference(a, b) <= 2, "max difference " + maxDifference(a, b));
    }

    @Test
    void orientationSwapsTheOriginalSizeOfAReducedDecode() throws Exception {
        ImageDecoder scaling = new FastJpegDecoder(LIMITS, List.of(InputSpec.yolo(64, 64)));
        byte[] jpeg = TestImages.withExifOrientation(TestImages.canvas(512, 384, GREY).jpeg(90), 6, ByteOrder.BIG_ENDIAN);
        RgbImage upright = scaling.decode(jpeg, "u");
        assertEquals(48, upright.width());
        assertEquals(64, upright.height());
        assertEquals(384, upright.originalWidth());
        assertEquals(512, upright.originalHeight());
    }

    @Test
    void otherFormatsGoThroughImageIoUnchanged() throws Exception {
        byte[] png = scene().png();
        assertArrayEquals(scene().rgbImage().rgb(), fast.decode(png, "u").rgb());
        assertArrayEquals(scene().rgbImage().rgb(), fast.decode(scene().bmp(), "u").rgb());
    }

    @Test
    void cmykJpegIsLeftToImageIo() throws Exception {
        byte[] cmyk = TestImages.rawJpeg(24, 16, 4, 100);
        assertArrayEquals(imageIo.decode(cmyk, "u").rgb(), fast.decode(cmyk, "u").rgb());
    }

    @Test
    void failuresCarryTheSameErrorCodesAsImageIo() {
        byte[] jpeg = scene().jpeg(90);
        byte[] corruptScan = jpeg.clone();
        for (int i = jpeg.length / 2; i < jpeg.length / 2 + 40; i++) {
            corruptScan[i] = (byte) 0xFF;
        }
        byte[] strayMarker = jpeg.clone();
        for (int i = jpeg.length / 3; i < jpeg.length / 3 + 400; i += 7) {
            strayMarker[i] = 0x13;
        }
        List<byte[]> bad = List.of(corruptScan, strayMarker, new byte[0], TestImages.htmlErrorPage(), TestImages.truncated(jpeg, jpeg.length - 200),
                TestImages.truncated(jpeg, 100), TestImages.withJpegSize(jpeg, 60_000, 60_000), TestImages.withJpegSize(jpeg, 0, 10),
                TestImages.rawJpeg(8, 8, 2, 50), TestImages.webpHeader());
        for (byte[] bytes : bad) {
            ErrorCode expected = assertThrows(LabelingException.class, () -> imageIo.decode(bytes, "u")).code();
            assertEquals(expected, assertThrows(LabelingException.class, () -> fast.decode(bytes, "u")).code());
        }
    }

    @Test
    void oversizedHeaderIsRefusedBeforeDecoding() {
        // Scan data of 200x120 under a header claiming 60000x60000: refused from the header, with ImageIO's message.
        byte[] bomb = TestImages.withJpegSize(scene().jpeg(90), 60_000, 60_000);
        LabelingException e = assertThrows(LabelingException.class, () -> fast.decode(bomb, "s3://b/k.jpg"));
        assertEquals(ErrorCode.DECOMPRESSION_BOMB, e.code());
        assertTrue(e.getMessage().contains("60000x60000"), e.getMessage());
        LabelingException limited = assertThrows(LabelingException.class,
                () -> new FastJpegDecoder(new DecodeLimits(200 * 120 - 1), List.of()).decode(scene().jpeg(90), "u"));
        assertEquals(ErrorCode.DECOMPRESSION_BOMB, limited.code());
    }

    @Test
    void threadsDecodeConcurrentlyWithTheirOwnBuffers() throws Exception {
        // Different sizes per thread, so a shared output buffer would show as wrong sizes or mixed pixels.
        List<Canvas> canvases = List.of(scene(), TestImages.canvas(64, 48, RED), TestImages.canvas(300, 200, GREY));
        List<RgbImage> expected = canvases.stream().map(c -> decodeOrThrow(c.jpeg(90))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int which = t;
                results.add(pool.submit(() -> {
                    byte[] jpeg = canvases.get(which).jpeg(90);
                    for (int i = 0; i < 50; i++) {
                        if (!java.util.Arrays.equals(expected.get(which).rgb(), fast.decode(jpeg, "u").rgb())) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void decodesOnAfterAnImageTooBigToKeepBuffersFor() throws Exception {
        // 4096x4200 RGB is 52 MB, over what a thread keeps: its buffers are given back and made again.
        byte[] big = TestImages.canvas(4096, 4200, GREY).fill(0, 0, 64, 64, RED).jpeg(80);
        byte[] small = scene().jpeg(90);
        for (byte[] bytes : List.of(big, small, big)) {
            RgbImage a = fast.decode(bytes, "u");
            RgbImage b = imageIo.decode(bytes, "u");
            assertEquals(b.width(), a.width());
            assertTrue(maxDifference(a, b) <= 2);
        }
    }

    private RgbImage decodeOrThrow(byte[] jpeg) {
        Function<byte[], RgbImage> f = b -> {
            try {
                return fast.decode(b, "u");
            } catch (LabelingException e) {
                throw new AssertionError(e);
            }
        };
        return f.apply(jpeg);
    }

    private static void assertColour(Color want, RgbImage image, int x, int y) {
        int[] rgb = {want.getRed(), want.getGreen(), want.getBlue()};
        for (int c = 0; c < 3; c++) {
            assertEquals(rgb[c], image.channel(x, y, c), 6, "pixel " + x + "," + y + " channel " + c);
        }
    }

    private static int maxDifference(RgbImage a, RgbImage b) {
        int max = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            max = Math.max(max, Math.abs((a.rgb()[i] & 0xFF) - (b.rgb()[i] & 0xFF)));
        }
        return max;
    }
}
