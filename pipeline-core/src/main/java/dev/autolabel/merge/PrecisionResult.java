package dev.autolabel.merge;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledDetection;
import java.util.List;

/** Pass-1 survivors plus how many candidates each gate rejected (for run statistics). */
public record PrecisionResult(List<LabeledDetection> kept, int belowThreshold, int suppressedByNms, int rejectedBySize,
        int rejectedByAspect, int rejectedByFlip) {

    public PrecisionResult {
        kept = List.copyOf(requireNonNull(kept, "kept"));
    }
}
