package dev.autolabel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.InputSpec;
import dev.autolabel.testing.ExportFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Boxes that are no boxes in the image are dropped by the shared execution, whatever the family, and counted: one
 * wholly in the letterbox padding (it clips to nothing), one of zero width, one of non-finite values.
 */
class DegenerateBoxesTest {

    /** The real YOLO decoder, plus three degenerate boxes per image, as a confused export might emit them. */
    private record WithDegenerates(DetectorAdapter real) implements DetectorAdapter {
        @Override
        public InputSpec inputSpec() {
            return real.inputSpec();
        }

        @Override
        public String imageInputName() {
            return real.imageInputName();
        }

        @Override
        public String describe() {
            return real.describe();
        }

        @Override
        public List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms, int w, int h) {
            List<List<Detection>> out = new ArrayList<>();
            List<List<Detection>> decoded = real.decode(outputs, transforms, w, h);
            for (int n = 0; n < decoded.size(); n++) {
                ImageTransform t = transforms.get(n);
                List<Detection> dets = new ArrayList<>(decoded.get(n));
                // A 1280x720 image letterboxed into 640x640 has 140 px of padding above: this box lies in it.
                dets.add(new Detection(t.toOriginal(new Box(100, 10, 300, 120)), 0, "in padding", 0.9f));
                dets.add(new Detection(t.toOriginal(new Box(200, 300, 200, 400)), 0, "no width", 0.9f));
                dets.add(new Detection(t.toOriginal(BoxFormat.XYXY_PIXELS.toInputPixelsOrDegenerate(Float.NaN, 1, 2, 3, w, h)),
                        0, "not finite", 0.9f));
                out.add(dets);
            }
            return out;
        }
    }

    @Test
    void degenerateBoxesAreDroppedAndCountedNeverReturned() {
        ModelSession session = SessionCache.get(ExportFixtures.folder("yolo11").resolve("model.onnx"), Optional.empty(),
                ExecutionSettings.cpu());
        ModelSpec spec = new ModelSpec(session.file().toString(), ModelFormat.AUTO, Optional.empty(),
                InputSettings.familyDefaults(), List.of(), Optional.empty(), Optional.empty());
        Detector real = Detectors.build(session, spec, PassModel.precision(Optional.empty()), 0.25f, 2);
        Detector detector = new Detector(session, new WithDegenerates(real.adapter()), 1, true); // exported with batch 1

        List<List<Detection>> found = detector.detect(List.of(ExportFixtures.scene(1280, 720), ExportFixtures.scene(1280, 720)));

        for (List<Detection> image : found) {
            assertEquals(List.of("car", "dog", "person"), image.stream().map(Detection::label).sorted().toList());
            assertTrue(image.stream().allMatch(d -> d.box().area() > 0f));
        }
        assertEquals(6, detector.degenerateDropped(), "three per image, counted");
    }
}
