package dev.autolabel.merge;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledDetection;
import java.util.List;

/** The merged labels of one image (pass 1 first, then gap-fill additions) and how many pass-2 boxes were dropped. */
public record MergeResult(List<LabeledDetection> labels, int addedFromOpenVocab, int droppedAsCovered) {

    public MergeResult {
        labels = List.copyOf(requireNonNull(labels, "labels"));
    }
}
