package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

/**
 * A run stopped because too many of its rows failed: a systemic fault, not a per-image one. Thrown after
 * {@code run.json} (status {@link RunStatus#STOPPED_FAILURE_RATIO}) is written; its message is the one line
 * and summary the user sees.
 */
public final class FailureRatioExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient RunSummary summary;

    public FailureRatioExceededException(String message, RunSummary summary) {
        super(message);
        this.summary = requireNonNull(summary, "summary");
    }

    /** What was committed before the stop, as written to run.json. */
    public RunSummary summary() {
        return summary;
    }
}
