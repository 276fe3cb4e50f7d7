package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One calibration: which run and review set (with its SHA-256) it used, the target and how intervals were computed,
 * and each pass-class's decision with its curve. {@code undecidedOff}: undecided classes are switched off too
 * (else they keep the thresholds of the config they run with).
 */
public record CalibrationResult(String name, Instant calibratedAt, String reviewedRun, String reviewSet,
        String reviewSetSha256, double target, IntervalMethod method, double confidence, int minReviews,
        boolean undecidedOff, List<ClassDecision> decisions) {

    public CalibrationResult {
        requireNonNull(name, "name");
        requireNonNull(calibratedAt, "calibratedAt");
        requireNonNull(reviewedRun, "reviewedRun");
        requireNonNull(reviewSet, "reviewSet");
        requireNonNull(reviewSetSha256, "reviewSetSha256");
        requireNonNull(method, "method");
        decisions = List.copyOf(requireNonNull(decisions, "decisions"));
    }

    public boolean switchesOff(ClassDecision d) {
        return d.outcome() == ClassDecision.Outcome.OFF || (undecidedOff && d.outcome() == ClassDecision.Outcome.UNDECIDED);
    }
}
