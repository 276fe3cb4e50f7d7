package dev.autolabel.labeling;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.RgbImage;
import dev.autolabel.model.Detector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Pass 1 on horizontally mirrored copies of the images, for the flip-consistency check: the same detector, boxes
 * mapped back into the original images' pixels. A detection that only the unmirrored image produces is more likely
 * an artefact than an object.
 */
final class MirroredDetections {

    private MirroredDetections() {
    }

    /** Per image, the mirrored run's detections in original pixels; empty lists when the check is off. */
    static List<List<Detection>> detect(PassDetectors passes, List<RgbImage> images) {
        if (!passes.precisionPass().needsMirroredRun()) {
            return Collections.nCopies(images.size(), List.of());
        }
        return detect(passes.precision(), images);
    }

    static List<List<Detection>> detect(Detector detector, List<RgbImage> images) {
        List<List<Detection>> raw = detector.detect(images.stream().map(RgbImage::mirroredHorizontally).toList());
        List<List<Detection>> back = new ArrayList<>(images.size());
        for (int k = 0; k < images.size(); k++) {
            int width = images.get(k).originalWidth();
            back.add(raw.get(k).stream().map(d -> d.withBox(d.box().flipHorizontally(width))).toList());
        }
        return back;
    }
}
