package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledDetection;
import dev.autolabel.merge.MergeResult;
import dev.autolabel.merge.OpenVocabResult;
import dev.autolabel.merge.PrecisionResult;
import java.util.List;
import java.util.Optional;

/**
 * What the passes made of one image: the filtered pass-1 labels, the filtered pass-2 candidates (absent when
 * open-vocab is off) and the gap-fill merge of the two, which is what a run writes. Quality evaluation compares
 * these stages against ground truth.
 */
public record PassOutcome(PrecisionResult precision, Optional<OpenVocabResult> openVocab, MergeResult merged) {

    public PassOutcome {
        requireNonNull(precision, "precision");
        requireNonNull(openVocab, "openVocab");
        requireNonNull(merged, "merged");
    }

    /** The image's output labels (the merge). */
    public List<LabeledDetection> labels() {
        return merged.labels();
    }

    /** The pass-2 labels that survived pass-2 filtering, before the merge; empty when open-vocab is off. */
    public List<LabeledDetection> openVocabLabels() {
        return openVocab.map(OpenVocabResult::kept).orElse(List.of());
    }
}
