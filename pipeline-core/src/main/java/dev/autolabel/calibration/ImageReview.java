package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * The review of one sampled image: a verdict for each of its labels (by label id) and, per class, the objects the
 * run missed there (boxes the reviewer added, or labels relabeled to that class).
 */
public record ImageReview(long row, Map<String, Verdict> verdicts, Map<String, Integer> missed) {

    public ImageReview {
        verdicts = new TreeMap<>(requireNonNull(verdicts, "verdicts"));
        missed = new TreeMap<>(requireNonNull(missed, "missed"));
        missed.forEach((label, n) -> {
            if (n < 0) {
                throw new IllegalArgumentException("missed objects of " + label + " must be >= 0, got " + n);
            }
        });
    }
}
