package dev.autolabel.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where a run's per-class thresholds came from, when a calibration file written by {@code autolabel calibrate} is
 * included: the reviewed run, the review set (location and SHA-256) and the precision target. Provenance only: the
 * thresholds themselves are {@code precision.class-thresholds} and {@code open-vocab.label-thresholds}. Recorded in
 * run.json.
 */
public record CalibrationSettings(Optional<String> reviewedRun, Optional<String> reviewSet,
        Optional<String> reviewSetSha256, OptionalDouble targetPrecision) {

    public static final CalibrationSettings NONE = new CalibrationSettings(Optional.empty(), Optional.empty(),
            Optional.empty(), OptionalDouble.empty());

    public CalibrationSettings {
        requireNonNull(reviewedRun, "reviewedRun");
        requireNonNull(reviewSet, "reviewSet");
        requireNonNull(reviewSetSha256, "reviewSetSha256");
        requireNonNull(targetPrecision, "targetPrecision");
        reviewSetSha256.ifPresent(sha -> {
            if (!sha.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("must be 64 lower-case hex digits, got '" + sha + "'");
            }
        });
    }

    public boolean isPresent() {
        return reviewSet.isPresent() || reviewSetSha256.isPresent();
    }
}
