package dev.autolabel.merge;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledDetection;
import java.util.List;

/** Pass-2 candidates that survived filtering, plus rejection counts for run statistics. */
public record OpenVocabResult(List<LabeledDetection> kept, int belowThreshold, int suppressedByNms, int rejectedAsOversized) {

    public OpenVocabResult {
        kept = List.copyOf(requireNonNull(kept, "kept"));
    }
}
