package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.merge.GapFillMerge;
import dev.autolabel.merge.MergeResult;
import dev.autolabel.merge.OpenVocabPass;
import dev.autolabel.merge.OpenVocabResult;
import dev.autolabel.merge.PrecisionPass;
import dev.autolabel.merge.PrecisionResult;
import dev.autolabel.image.InputSpec;
import dev.autolabel.image.RgbImage;
import dev.autolabel.model.Detector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The per-thread model side of labeling: pass-1 and optional pass-2 detectors (sharing JVM-wide sessions)
 * with their filters and the merge.
 */
public record PassDetectors(Detector precision, PrecisionPass precisionPass, Optional<Detector> openVocab,
        Optional<OpenVocabPass> openVocabPass, GapFillMerge merge) {

    public PassDetectors {
        requireNonNull(precision, "precision");
        requireNonNull(precisionPass, "precisionPass");
        requireNonNull(openVocab, "openVocab");
        requireNonNull(openVocabPass, "openVocabPass");
        requireNonNull(merge, "merge");
        if (openVocab.isPresent() != openVocabPass.isPresent()) {
            throw new IllegalArgumentException("open-vocab detector and filter come together");
        }
    }

    /** Detections both passes dropped so far for having no area in the image (e.g. wholly in the padding). */
    public long degenerateDropped() {
        return precision.degenerateDropped() + openVocab.map(Detector::degenerateDropped).orElse(0L);
    }

    /** The image inputs of the passes' models: what decoded images are fitted into. */
    public List<InputSpec> inputSpecs() {
        return Stream.concat(Stream.of(precision), openVocab.stream()).map(Detector::inputSpec).toList();
    }

    /**
     * Pass-1 filtering, pass-2 filtering and the gap-fill merge of one image's raw detections (original pixels).
     * {@code openVocabRaw} is ignored when open-vocab is off.
     */
    public PassOutcome combine(List<Detection> precisionRaw, List<Detection> openVocabRaw, int width, int height) {
        if (precisionPass.needsMirroredRun()) {
            throw new IllegalStateException("precision.qa.flip-consistency is on: pass the mirrored image's detections");
        }
        return combine(precisionRaw, List.of(), openVocabRaw, width, height);
    }

    /**
     * As {@link #combine(List, List, int, int)}, with the pass-1 detections of the horizontally mirrored image
     * (mapped back) for the flip-consistency check; ignored when that check is off.
     */
    public PassOutcome combine(List<Detection> precisionRaw, List<Detection> mirroredRaw, List<Detection> openVocabRaw,
            int width, int height) {
        PrecisionResult precise = precisionPass.filter(precisionRaw, mirroredRaw);
        if (openVocabPass.isEmpty()) {
            return new PassOutcome(precise, Optional.empty(), new MergeResult(precise.kept(), 0, 0));
        }
        OpenVocabResult open = openVocabPass.get().filter(openVocabRaw, width, height);
        return new PassOutcome(precise, Optional.of(open), merge.merge(precise.kept(), open.kept()));
    }

    /** Both passes (and the flip check's mirrored pass-1 run when on) over a batch, then each image's outcome. */
    public List<PassOutcome> run(List<RgbImage> images) {
        List<List<Detection>> raw1 = precision.detect(images);
        List<List<Detection>> mirrored1 = precisionPass.needsMirroredRun() ? MirroredDetections.detect(precision, images)
                : java.util.Collections.nCopies(images.size(), List.of());
        List<List<Detection>> raw2 = openVocab.map(d -> d.detect(images)).orElse(List.of());
        List<PassOutcome> outcomes = new ArrayList<>(images.size());
        for (int k = 0; k < images.size(); k++) {
            RgbImage image = images.get(k);
            outcomes.add(combine(raw1.get(k), mirrored1.get(k), raw2.isEmpty() ? List.of() : raw2.get(k), image.originalWidth(),
                    image.originalHeight()));
        }
        return outcomes;
    }
}
