package dev.autolabel.merge;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.detect.Nms;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pass-1 filtering (DESIGN.md §4.1): threshold (per-class overrides; disabled classes never pass), class-aware NMS,
 * then auto-QA gates, the last an optional flip-consistency check against the detections of the mirrored image.
 * Each kept label records the threshold it passed.
 * A pure function: the same raw detections and parameters always give the same survivors.
 */
public final class PrecisionPass {

    private final PrecisionParams params;

    public PrecisionPass(PrecisionParams params) {
        this.params = requireNonNull(params, "params");
    }

    public PrecisionParams params() {
        return params;
    }

    /** Whether {@link #filter(List, List)} needs the detections of the mirrored image. */
    public boolean needsMirroredRun() {
        return params.flipConsistency();
    }

    /** Filters raw pass-1 detections, already in original-image pixels, when the flip check is off. */
    public PrecisionResult filter(List<Detection> raw) {
        if (params.flipConsistency()) {
            throw new IllegalStateException("precision.qa.flip-consistency is on: pass the mirrored image's detections");
        }
        return filter(raw, List.of());
    }

    /**
     * Filters raw pass-1 detections; {@code mirrored} are the raw detections of the horizontally mirrored image,
     * already mapped back to original-image pixels (ignored when the flip check is off).
     */
    public PrecisionResult filter(List<Detection> raw, List<Detection> mirrored) {
        List<Detection> confident = raw.stream().filter(d -> params.passes(d.label(), d.score())).toList();
        List<Detection> afterNms = Nms.classAware(confident, params.nmsIou());
        List<LabeledDetection> kept = new ArrayList<>();
        List<Detection> mirroredConfident = mirrored.stream().filter(d -> params.passes(d.label(), d.score())).toList();
        int tooSmall = 0;
        int badAspect = 0;
        int flipped = 0;
        for (Detection d : afterNms) {
            if (!sizeOk(d.box())) {
                tooSmall++;
            } else if (!aspectOk(d.box())) {
                badAspect++;
            } else if (params.flipConsistency() && !hasMirrorMatch(d, mirroredConfident)) {
                flipped++;
            } else {
                kept.add(toLabel(d));
            }
        }
        return new PrecisionResult(kept, raw.size() - confident.size(), confident.size() - afterNms.size(), tooSmall,
                badAspect, flipped);
    }

    /** A confident same-class detection of the mirrored image overlaps {@code d} at IoU >= flip-iou. */
    private boolean hasMirrorMatch(Detection d, List<Detection> mirrored) {
        return mirrored.stream().anyMatch(m -> m.classId() == d.classId() && m.label().equals(d.label())
                && m.box().iou(d.box()) >= params.flipIou());
    }

    private boolean sizeOk(Box b) {
        return Math.min(b.width(), b.height()) >= params.minBoxSide();
    }

    private boolean aspectOk(Box b) {
        if (params.maxAspectRatio() == 0f) {
            return true;
        }
        if (b.width() <= 0f || b.height() <= 0f) {
            return false;
        }
        return Math.max(b.width() / b.height(), b.height() / b.width()) <= params.maxAspectRatio();
    }

    private LabeledDetection toLabel(Detection d) {
        List<String> flags = new ArrayList<>();
        if (params.minBoxSide() > 0f) {
            flags.add(QaFlags.SIZE_OK);
        }
        if (params.maxAspectRatio() > 0f) {
            flags.add(QaFlags.ASPECT_OK);
        }
        if (params.flipConsistency()) {
            flags.add(QaFlags.FLIP_CONSISTENT);
        }
        return new LabeledDetection(d.label(), d.classId(), d.score(), d.box(), Source.PRECISE,
                Optional.empty(), Optional.empty(), flags, Optional.of(params.thresholdFor(d.label())),
                d.tile());
    }
}
