package dev.autolabel.spark.cli;

import dev.autolabel.calibration.IntervalMethod;
import picocli.CommandLine.Option;

/** The precision target and how its intervals are computed, shared by {@code calibrate} and {@code tune-prompts}. */
final class TargetOptions {

    @Option(names = "--target-precision", required = true, paramLabel = "P", description = "Precision to meet, e.g. 0.95.")
    double target;

    @Option(names = "--interval", paramLabel = "METHOD", defaultValue = "wilson",
            description = "wilson | clopper-pearson (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95",
            description = "Two-sided confidence of the intervals (default ${DEFAULT-VALUE}).")
    double confidence;

    IntervalMethod method() {
        return IntervalMethod.fromCliName(interval);
    }

    /** The target, checked: a proportion strictly between 0 and 1. */
    double target() {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("--target-precision must be in (0, 1), got " + target);
        }
        return target;
    }
}
