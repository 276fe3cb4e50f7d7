package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import java.util.List;

/**
 * One image's candidates from the models, in image pixels: pass 1, pass 1 on the mirrored image (mapped back; empty
 * without the flip check) and pass 2 (empty when it is off). Before {@link PassDetectors#mergeViews} they hold every
 * view's detections, each recording its tile; after it, one set per pass.
 */
public record RawDetections(List<Detection> precision, List<Detection> mirrored, List<Detection> openVocab) {

    public RawDetections {
        precision = List.copyOf(requireNonNull(precision, "precision"));
        mirrored = List.copyOf(requireNonNull(mirrored, "mirrored"));
        openVocab = List.copyOf(requireNonNull(openVocab, "openVocab"));
    }
}
