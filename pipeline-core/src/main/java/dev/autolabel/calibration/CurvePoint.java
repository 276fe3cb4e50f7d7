package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * A pass-class's estimated quality if its threshold were {@code threshold}: the run's labels it keeps
 * ({@code labels}, counted exactly), the reviewed sample labels among them ({@code reviewed}), the estimated precision
 * with its confidence interval and the effective number of reviews behind it (Kish: fewer than {@code reviewed}
 * when the sampling weights are unequal), the estimated number of correct labels kept, and the estimated recall of
 * the class (empty when the reviews give no estimate of the objects the run missed).
 */
public record CurvePoint(float threshold, long labels, int reviewed, double precision, Interval interval,
        double effectiveReviews, double correctLabels, OptionalDouble recall) {

    public CurvePoint {
        requireNonNull(interval, "interval");
        requireNonNull(recall, "recall");
    }

    CurvePoint withRecall(OptionalDouble r) {
        return new CurvePoint(threshold, labels, reviewed, precision, interval, effectiveReviews, correctLabels, r);
    }
}
