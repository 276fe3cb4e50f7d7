package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What calibration decided for one pass-class: a threshold ({@link Outcome#CALIBRATED}), switching the class off
 * ({@link Outcome#OFF}), or nothing yet ({@link Outcome#UNDECIDED}: the reviews cannot tell), with the reason in
 * words and, when more reviews could decide it, about how many more reviewed labels scoring at least
 * {@code moreReviewsAbove} it would take.
 */
public record ClassDecision(ClassKey key, Outcome outcome, Optional<Float> threshold, String reason,
        OptionalLong moreReviews, Optional<Float> moreReviewsAbove, ThresholdCurve curve) {

    public enum Outcome { CALIBRATED, OFF, UNDECIDED }

    public ClassDecision {
        requireNonNull(key, "key");
        requireNonNull(outcome, "outcome");
        requireNonNull(threshold, "threshold");
        requireNonNull(reason, "reason");
        requireNonNull(moreReviews, "moreReviews");
        requireNonNull(moreReviewsAbove, "moreReviewsAbove");
        requireNonNull(curve, "curve");
        if (threshold.isPresent() != (outcome == Outcome.CALIBRATED)) {
            throw new IllegalArgumentException("a threshold comes with CALIBRATED and only with it");
        }
    }
}
