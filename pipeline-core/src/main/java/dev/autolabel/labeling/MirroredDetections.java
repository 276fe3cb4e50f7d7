package dev.autolabel.labeling;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.RgbImage;
import dev.autolabel.model.Detector;
import java.util.ArrayList;
import java.util.List;

/**
 * Pass 1 on horizontally mirrored copies of the images, for the flip-consistency check: the same detector, boxes
 * mapped back into the original images' pixels. A detection that only the unmirrored image produces is more likely
 * an artefact than an object.
 */
final class MirroredDetections {

    private MirroredDetections() {
    }

    /** Per image, the detections of {@code detector} on the mirrored images, in the original images' pixels. */
    static List<List<Detection>> detect(Detector detector, List<RgbImage> images) {
        List<List<Detection>> raw = detector.detect(images.stream().map(RgbImage::mirroredHorizontally).toList());
        return backToOriginal(raw, images.stream().mapToInt(RgbImage::originalWidth).toArray());
    }

    /**
     * Maps per-image detections made on mirrored images (or mirrored views: tiles) back into the unmirrored ones of
     * these (original) widths.
     */
    static List<List<Detection>> backToOriginal(List<List<Detection>> raw, int[] widths) {
        if (raw.size() != widths.length) {
            throw new IllegalArgumentException(raw.size() + " detection lists for " + widths.length + " images");
        }
        List<List<Detection>> back = new ArrayList<>(raw.size());
        for (int k = 0; k < raw.size(); k++) {
            int width = widths[k];
            back.add(raw.get(k).stream().map(d -> d.withBox(d.box().flipHorizontally(width))).toList());
        }
        return back;
    }
}
