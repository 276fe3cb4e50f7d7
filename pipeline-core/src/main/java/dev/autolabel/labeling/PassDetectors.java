package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.merge.GapFillMerge;
import dev.autolabel.merge.MergeResult;
import dev.autolabel.merge.OpenVocabPass;
import dev.autolabel.merge.OpenVocabResult;
import dev.autolabel.merge.PrecisionPass;
import dev.autolabel.merge.PrecisionResult;
import dev.autolabel.model.Detector;
import dev.autolabel.tiling.PassTiling;
import dev.autolabel.tiling.TileMerge;
import dev.autolabel.tiling.ViewPlanner;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The per-thread model side of labeling: pass-1 and optional pass-2 detectors (sharing JVM-wide sessions)
 * with their filters, how each pass tiles large images, and the merge.
 */
public record PassDetectors(Detector precision, PrecisionPass precisionPass, Optional<Detector> openVocab,
        Optional<OpenVocabPass> openVocabPass, GapFillMerge merge, PassTiling tiling) {

    /** Passes that see every image whole (no tiling). */
    public PassDetectors(Detector precision, PrecisionPass precisionPass, Optional<Detector> openVocab,
            Optional<OpenVocabPass> openVocabPass, GapFillMerge merge) {
        this(precision, precisionPass, openVocab, openVocabPass, merge, PassTiling.off());
    }

    public PassDetectors {
        requireNonNull(precision, "precision");
        requireNonNull(precisionPass, "precisionPass");
        requireNonNull(openVocab, "openVocab");
        requireNonNull(openVocabPass, "openVocabPass");
        requireNonNull(merge, "merge");
        requireNonNull(tiling, "tiling");
        if (openVocab.isPresent() != openVocabPass.isPresent()) {
            throw new IllegalArgumentException("open-vocab detector and filter come together");
        }
    }

    /** Detections both passes dropped so far for having no area in the image (e.g. wholly in the padding). */
    public long degenerateDropped() {
        return precision.degenerateDropped() + openVocab.map(Detector::degenerateDropped).orElse(0L);
    }

    /**
     * The views each image gets (whole, tiles) by its size; as {@link dev.autolabel.image.ScaleTargets}, how far a
     * decoder may scale it down (give it to {@code ImageDecoders.create}).
     */
    public ViewPlanner views() {
        return new ViewPlanner(tiling, precision.inputSpec(), openVocab.map(Detector::inputSpec));
    }

    /**
     * Merges each pass's detections from an image's views (whole image and tiles, in image pixels) into one set per
     * pass ({@link TileMerge}): an object cut by tile borders or seen by several views gives one detection. An image
     * seen only whole comes back unchanged.
     */
    public RawDetections mergeViews(RawDetections views, int width, int height) {
        TileMerge precisionMerge = new TileMerge(precisionPass.params().nmsIou(), 1f, tiling.precision().classAgnostic());
        ToDoubleFunction<Detection> precisionThreshold = d -> precisionPass.params().thresholdFor(d.label());
        List<Detection> open = openVocabPass.map(p -> new TileMerge(p.params().nmsIou(), p.params().maxAreaFraction(),
                        tiling.openVocab().classAgnostic())
                .merge(views.openVocab(), width, height, d -> p.params().thresholdFor(d.label())))
                .orElse(views.openVocab());
        return new RawDetections(precisionMerge.merge(views.precision(), width, height, precisionThreshold),
                precisionMerge.merge(views.mirrored(), width, height, precisionThreshold), open);
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
}
