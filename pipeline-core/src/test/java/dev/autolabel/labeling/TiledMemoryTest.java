package dev.autolabel.labeling;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.image.FastJpegDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10,000x10,000 JPEG labels with tiling in a fixed heap, with the per-task settings deploy/README.md recommends
 * (5 decode threads, 32 reads in flight, batches of 32, a queue of two batches). Tiles are the fixture model's
 * 64-pixel input, so the image is decoded at full size (300 MB of pixels) and cut into 43,264 tiles: were the tiles
 * cut all at once they would take 531 MB more (12 KB each); cut one at a time as the queue takes them, the resize
 * buffers stay at the pipeline's bound and the live heap at about one decoded image. The heap given, 768 MB, is
 * what the formula in README "Tiled inference" gives for one such image in flight, with room to spare.
 */
class TiledMemoryTest {

    private static final int SIDE = 10_000;
    private static final String HEAP = "-Xmx768m";

    @TempDir
    Path dir;

    @Test
    void aTenThousandPixelJpegLabelsWithTilingInAFixedHeap() throws Exception {
        Assumptions.assumeTrue(FastJpegDecoder.unavailableReason().isEmpty(), "the fast JPEG path is needed to write the JPEG");
        Path jpeg = dir.resolve("huge.jpg");
        Files.write(jpeg, hugeJpeg());
        Map<String, String> out = probe(jpeg);

        assertEquals("1", out.get("ROWS"));
        List<String> labels = out.entrySet().stream().filter(e -> e.getKey().startsWith("LABEL ")).map(Map.Entry::getKey)
                .sorted().toList();
        assertEquals(2, labels.size(), "one label per object: " + labels);
        assertLabel(labels.get(0), "blue", 4990, 7020, 5050, 7060);
        assertLabel(labels.get(1), "red", 5000, 5000, 5030, 5030);
        long tiles = Long.parseLong(out.get("TILES"));
        assertEquals(208L * 208, tiles, "every tile went through the model");
        long buffers = Long.parseLong(out.get("RESIZE_BUFFERS"));
        // decode threads (one view each being cut) + the queue (2 x 32) + a batch being filled + one batch running.
        assertTrue(buffers <= 5 + 64 + 2 * 32, buffers + " resize buffers for " + tiles + " tiles");
        long peak = Long.parseLong(out.get("PEAK_LIVE"));
        System.out.printf("10,000 x 10,000 JPEG, %d tiles in %s s: live heap at most %d MB, %d resize buffers%n", tiles,
                out.get("SECONDS"), peak >> 20, buffers);
        assertTrue(peak < 300L * 1024 * 1024 + (200L << 20), "live heap about one decoded image: " + (peak >> 20) + " MB");
    }

    private static void assertLabel(String line, String label, float x1, float y1, float x2, float y2) {
        String[] f = line.split(" ");
        assertEquals(label, f[2], line);
        float[] got = {Float.parseFloat(f[3]), Float.parseFloat(f[4]), Float.parseFloat(f[5]), Float.parseFloat(f[6])};
        float[] want = {x1, y1, x2, y2};
        for (int i = 0; i < 4; i++) {
            assertTrue(Math.abs(got[i] - want[i]) <= 2, line + " is not within 2 px of " + List.of(x1, y1, x2, y2));
        }
        assertEquals("tile", f[7], line);
    }

    /** Grey, a small red square inside one tile and a blue box across tile borders; written natively (no heap). */
    private static byte[] hugeJpeg() {
        try (Mat image = new Mat(SIDE, SIDE, CV_8UC3, new Scalar(114, 114, 114, 0));
                BytePointer encoded = new BytePointer();
                IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, 95)) {
            // OpenCV is BGR; rectangle() corners are inclusive.
            rectangle(image, new Rect(5000, 5000, 30, 30), new Scalar(0, 0, 255, 0), FILLED, 8, 0);
            rectangle(image, new Rect(4990, 7020, 60, 40), new Scalar(255, 0, 0, 0), FILLED, 8, 0);
            if (!imencode(".jpg", image, encoded, params)) {
                throw new IllegalStateException("OpenCV could not encode the test JPEG");
            }
            byte[] bytes = new byte[(int) encoded.limit()];
            encoded.get(bytes);
            return bytes;
        }
    }

    private Map<String, String> probe(Path jpeg) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), TiledMemoryProbe.class.getName(),
                jpeg.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(10, TimeUnit.MINUTES), "probe did not finish");
        assertEquals(0, child.exitValue(), () -> "probe failed with " + HEAP + ":\n" + output);
        Map<String, String> values = new HashMap<>();
        output.lines().forEach(line -> {
            if (line.startsWith("LABEL ")) {
                values.put(line, "");
            } else if (line.matches("[A-Z_]+ \\S+")) {
                values.put(line.split(" ")[0], line.split(" ")[1]);
            }
        });
        assertTrue(values.containsKey("PEAK_LIVE"), () -> "probe output:\n" + output);
        return values;
    }
}
