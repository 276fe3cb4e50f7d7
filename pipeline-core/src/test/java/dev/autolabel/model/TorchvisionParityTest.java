package dev.autolabel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.detect.Detection;
import dev.autolabel.image.RgbImage;
import dev.autolabel.testing.ExportFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * torchvision detection architectures with random weights, exported to ONNX ({@code make_torchvision.py}), decoded
 * by autolabel with {@code format = auto}: every box torchvision's own eager run gave on the same images is there,
 * with the same label, within 1 px. The reference is torchvision itself, so nothing is planted in the images.
 */
class TorchvisionParityTest {

    /** Reference detections compared per image, best scored first: all of them (SSD keeps 300, Faster R-CNN 100). */
    private static final int COMPARED = 300;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"torchvision-ssdlite320_mobilenet_v3_large", "torchvision-fasterrcnn_mobilenet_v3_large_320_fpn_slim"})
    void boxesMatchTorchvisionsOwnOutputWithinOnePixel(String family) throws IOException {
        Path dir = ExportFixtures.folder(family);
        JsonNode reference = new ObjectMapper().readTree(dir.resolve("reference.json").toFile()).get("detections");
        ModelSession session = SessionCache.get(dir.resolve("model.onnx"), Optional.empty(), ExecutionSettings.cpu());
        ModelSpec spec = new ModelSpec(dir.resolve("model.onnx").toString(), ModelFormat.AUTO, Optional.empty(),
                InputSettings.familyDefaults(), List.of("background", "a", "b", "c", "d"), Optional.empty(), Optional.empty());
        Detector detector = Detectors.build(session, spec, PassModel.precision(Optional.empty()), 0f, 8);
        assertTrue(detector.adapter().describe().startsWith("torchvision"), detector.adapter().describe());
        assertEquals(1, detector.batchSize(), "one image per run");
        for (int[] size : ExportFixtures.SIZES) {
            String key = "texture-" + size[0] + "x" + size[1];
            List<Detection> ours = detector.detect(List.of(texture(size[0], size[1]))).get(0);
            List<JsonNode> theirs = new ArrayList<>();
            reference.get(key).forEach(theirs::add);
            theirs.sort((a, b) -> Double.compare(b.get(5).asDouble(), a.get(5).asDouble()));
            float worst = 0f;
            for (JsonNode t : theirs.subList(0, Math.min(COMPARED, theirs.size()))) {
                float best = Float.MAX_VALUE;
                for (Detection d : ours) {
                    if (d.classId() == t.get(4).asInt()) {
                        best = Math.min(best, Math.max(Math.max(Math.abs(d.box().x1() - (float) t.get(0).asDouble()),
                                Math.abs(d.box().y1() - (float) t.get(1).asDouble())), Math.max(
                                Math.abs(d.box().x2() - (float) t.get(2).asDouble()),
                                Math.abs(d.box().y2() - (float) t.get(3).asDouble()))));
                    }
                }
                assertTrue(best <= 1f, family + " " + key + ": torchvision's " + t + " has no box within 1 px (nearest "
                        + best + " px)");
                worst = Math.max(worst, best);
            }
            System.out.printf("[%s] %s: %d of torchvision's %d boxes compared, all within %.4f px; autolabel %d boxes%n",
                    family, key, Math.min(COMPARED, theirs.size()), theirs.size(), worst, ours.size());
        }
    }

    /** make_torchvision.py's texture: hash noise over gradients, pixel for pixel. */
    static RgbImage texture(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long v = (x * 374761393L + y * 668265263L) & 0xFFFFFFFFL;
                v = ((v ^ (v >> 13)) * 1274126177L) & 0xFFFFFFFFL;
                int[] smooth = {x * 192 / w, y * 192 / h, (x + y) * 96 / (w + h)};
                for (int c = 0; c < 3; c++) {
                    rgb[(y * w + x) * 3 + c] = (byte) (((v >> (8 * c)) & 63) + smooth[c]);
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
