package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Picks each pass-class's threshold from its {@link ThresholdCurve}: the lowest threshold whose precision interval's
 * lower bound reaches {@code target} (the most labels kept at a precision one can state). When none does: a class
 * whose estimated precision stays below the target at every threshold is switched off; otherwise it is left
 * undecided, with about how many more reviews would decide it at the threshold where that takes fewest (fewer than
 * {@code minReviews} reviewed labels makes a class undecided too, whatever its curve says).
 */
public final class Calibrator {

    /** More reviews than this are reported as "more than". */
    static final long MAX_REVIEWS = 1_000_000;

    private final double target;
    private final int minReviews;
    private final PrecisionEstimator estimator;

    public Calibrator(double target, int minReviews, PrecisionEstimator estimator) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("--target-precision must be in (0, 1), got " + target);
        }
        if (minReviews < 1) {
            throw new IllegalArgumentException("--min-reviews must be >= 1, got " + minReviews);
        }
        this.target = target;
        this.minReviews = minReviews;
        this.estimator = requireNonNull(estimator, "estimator");
    }

    public double target() {
        return target;
    }

    public int minReviews() {
        return minReviews;
    }

    public PrecisionEstimator estimator() {
        return estimator;
    }

    public List<ClassDecision> decide(ReviewSet set) {
        List<ClassDecision> out = new ArrayList<>();
        for (Map.Entry<ClassKey, ThresholdCurve> e : estimator.curves(set).entrySet()) {
            out.add(decide(e.getValue()));
        }
        return out;
    }

    public ClassDecision decide(ThresholdCurve curve) {
        if (curve.reviewed() >= minReviews) {
            for (CurvePoint p : curve.points()) {
                if (p.interval().lower() >= target) {
                    return new ClassDecision(curve.key(), ClassDecision.Outcome.CALIBRATED, Optional.of(p.threshold()),
                            String.format(Locale.ROOT, "lowest threshold whose precision %.3f [%.3f, %.3f] is at least %s",
                                    p.precision(), p.interval().lower(), p.interval().upper(), percent(target)),
                            OptionalLong.empty(), Optional.empty(), curve);
                }
            }
        }
        // Where more reviews would most cheaply decide it: the threshold estimating the target that needs fewest.
        Optional<CurvePoint> promising = curve.points().stream().filter(p -> p.precision() >= target)
                .min(java.util.Comparator.comparingLong(this::moreReviews));
        if (promising.isEmpty()) {
            if (curve.reviewed() < minReviews) {
                return undecided(curve, "only " + curve.reviewed() + " reviewed labels (at least " + minReviews
                        + " needed), and none of its thresholds estimates " + percent(target), Optional.empty());
            }
            CurvePoint best = curve.points().stream().max(java.util.Comparator.comparingDouble(CurvePoint::precision))
                    .orElse(null);
            String why = best == null ? "no reviewed labels to estimate its precision from"
                    : String.format(Locale.ROOT, "estimated precision is below %s at every threshold (best %.3f at %.2f)",
                            percent(target), best.precision(), best.threshold());
            return new ClassDecision(curve.key(), ClassDecision.Outcome.OFF, Optional.empty(), why, OptionalLong.empty(),
                    Optional.empty(), curve);
        }
        CurvePoint p = promising.get();
        String why = curve.reviewed() < minReviews
                ? "only " + curve.reviewed() + " reviewed labels (at least " + minReviews + " needed)"
                : String.format(Locale.ROOT, "precision %.3f at %.2f meets %s, but its interval [%.3f, %.3f] is too wide",
                        p.precision(), p.threshold(), percent(target), p.interval().lower(), p.interval().upper());
        return undecided(curve, why, Optional.of(p));
    }

    private ClassDecision undecided(ThresholdCurve curve, String why, Optional<CurvePoint> at) {
        OptionalLong more = at.map(p -> OptionalLong.of(Math.max(moreReviews(p), minReviews - curve.reviewed())))
                .orElse(OptionalLong.empty());
        return new ClassDecision(curve.key(), ClassDecision.Outcome.UNDECIDED, Optional.empty(), why, more,
                at.map(CurvePoint::threshold), curve);
    }

    /**
     * Reviewed labels scoring at least the point's threshold that would have to be added for its interval's lower
     * bound to reach the target, if the precision estimate and the design effect stayed as they are.
     */
    long moreReviews(CurvePoint p) {
        double designEffect = p.reviewed() > 0 && p.effectiveReviews() > 0
                ? Math.max(1, p.reviewed() / p.effectiveReviews()) : 1;
        double precision = Math.min(p.precision(), 1);
        long lo = 1;
        long hi = 1;
        while (lowerBound(precision, hi / designEffect) < target) {
            if (hi >= MAX_REVIEWS) {
                return MAX_REVIEWS;
            }
            lo = hi;
            hi = Math.min(MAX_REVIEWS, hi * 2);
        }
        while (lo < hi) {
            long mid = (lo + hi) / 2;
            if (lowerBound(precision, mid / designEffect) >= target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return Math.max(0, hi - p.reviewed());
    }

    private double lowerBound(double p, double n) {
        return estimator.method().bounds(p, n, estimator.confidence()).lower();
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
