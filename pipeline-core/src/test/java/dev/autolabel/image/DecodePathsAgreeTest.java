package dev.autolabel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.autolabel.detect.Detection;
import dev.autolabel.model.Detector;
import dev.autolabel.model.Detectors;
import dev.autolabel.model.ExecutionSettings;
import dev.autolabel.model.ModelSession;
import dev.autolabel.model.ModelSpec;
import dev.autolabel.model.SessionCache;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fast path (libjpeg-turbo, DCT-scaled to the fixture model's 64x64 input) and the ImageIO path (full size) give
 * the same boxes in original pixels on the same JPEG, at every DCT scale: the sizes are chosen so that the fast path
 * decodes at 1, 1/2, 1/4 and 1/8.
 */
class DecodePathsAgreeTest {

    private static final Color GREY = new Color(114, 114, 114);
    private static final DecodeLimits LIMITS = new DecodeLimits(100_000_000);

    private static Detector detector() {
        ModelSpec spec = FixtureModels.yoloSpec();
        ModelSession session = SessionCache.get(Path.of(spec.location()), Optional.empty(), ExecutionSettings.cpu());
        return Detectors.closedSet(session, spec, 0.25f, 4);
    }

    /** Blobs placed on a grid of 1/16 of the width, so their edges sit on JPEG block edges at every size used here. */
    private static TestImages.Canvas scene(int width, int height) {
        int u = width / 16;
        return TestImages.canvas(width, height, GREY)
                .fill(2 * u, 2 * u, 6 * u, 5 * u, Color.RED)
                .fill(9 * u, 3 * u, 14 * u, 8 * u, Color.BLUE)
                .fill(4 * u, 7 * u, 8 * u, 11 * u, Color.GREEN);
    }

    @ParameterizedTest(name = "{0}x{1} decodes at 1/{2}")
    @CsvSource({"64, 48, 1", "128, 96, 2", "256, 192, 4", "512, 384, 8", "1024, 768, 8", "384, 512, 8"})
    void fastAndImageIoPathsGiveTheSameBoxesInOriginalPixels(int width, int height, int scale) throws Exception {
        Detector detector = detector();
        byte[] jpeg = scene(width, height).jpeg(95);
        ImageDecoder fast = new FastJpegDecoder(LIMITS, List.of(detector.inputSpec()));
        RgbImage scaled = fast.decode(jpeg, "scene.jpg");
        RgbImage full = new ImageIoDecoder(LIMITS).decode(jpeg, "scene.jpg");
        assertEquals(scale, width / scaled.width(), "DCT scale chosen");
        assertEquals(width, scaled.originalWidth());
        assertEquals(height, scaled.originalHeight());

        List<List<Detection>> found = detector.detect(List.of(scaled, full));

        assertSameBoxes(found.get(1), found.get(0));
        assertEquals(3, found.get(0).size(), found.get(0).toString());
    }

    @ParameterizedTest(name = "EXIF orientation {0}")
    @CsvSource({"3", "6", "8"})
    void orientedReducedDecodeGivesTheSameBoxesAsImageIo(int orientation) throws Exception {
        Detector detector = detector();
        byte[] jpeg = TestImages.withExifOrientation(scene(512, 384).jpeg(95), orientation, ByteOrder.BIG_ENDIAN);
        RgbImage scaled = new FastJpegDecoder(LIMITS, List.of(detector.inputSpec())).decode(jpeg, "o.jpg");
        RgbImage full = new ImageIoDecoder(LIMITS).decode(jpeg, "o.jpg");
        assertEquals(full.width(), scaled.originalWidth());
        assertEquals(full.height(), scaled.originalHeight());
        assertFalse(full.isReduced());

        List<List<Detection>> found = detector.detect(List.of(scaled, full));

        assertSameBoxes(found.get(1), found.get(0));
    }

    /** Same labels, each box edge within one original pixel. */
    private static void assertSameBoxes(List<Detection> expected, List<Detection> actual) {
        List<Detection> e = sorted(expected);
        List<Detection> a = sorted(actual);
        assertEquals(e.stream().map(Detection::label).toList(), a.stream().map(Detection::label).toList());
        for (int i = 0; i < e.size(); i++) {
            String message = e.get(i).label() + ": ImageIO " + e.get(i).box() + ", fast " + a.get(i).box();
            assertEquals(e.get(i).box().x1(), a.get(i).box().x1(), 1f, message);
            assertEquals(e.get(i).box().y1(), a.get(i).box().y1(), 1f, message);
            assertEquals(e.get(i).box().x2(), a.get(i).box().x2(), 1f, message);
            assertEquals(e.get(i).box().y2(), a.get(i).box().y2(), 1f, message);
        }
    }

    private static List<Detection> sorted(List<Detection> detections) {
        return detections.stream().sorted(Comparator.comparing(Detection::label)).toList();
    }
}
