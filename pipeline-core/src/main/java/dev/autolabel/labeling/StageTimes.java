package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nanoseconds spent in each stage of labeling, summed over the batches of one {@link ImageLabeler}, so run
 * reports can show where the time goes. Not thread-safe: one per labeler, like the labeler itself.
 */
public final class StageTimes {

    /** The stages of {@link ImageLabeler}; the wire name is the key in shard markers and run.json. */
    public enum Stage {
        FETCH("fetch"),
        DECODE("decode"),
        INFER_PASS1("infer_pass1"),
        INFER_PASS2("infer_pass2"),
        /** Pass filters (auto-QA, pass-2 limits) and the gap-fill merge. */
        MERGE("merge");

        private final String wireName;

        Stage(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final long[] nanos = new long[Stage.values().length];

    public void add(Stage stage, long elapsedNanos) {
        requireNonNull(stage, "stage");
        if (elapsedNanos < 0) {
            throw new IllegalArgumentException("elapsed time must be >= 0, got " + elapsedNanos);
        }
        nanos[stage.ordinal()] += elapsedNanos;
    }

    /** Adds the time since {@code sinceNanos} (a {@link System#nanoTime()} reading) and returns the current reading. */
    public long lap(Stage stage, long sinceNanos) {
        long now = System.nanoTime();
        add(stage, Math.max(0, now - sinceNanos));
        return now;
    }

    public long nanos(Stage stage) {
        return nanos[requireNonNull(stage, "stage").ordinal()];
    }

    /** Seconds per stage by wire name, in pipeline order; every stage is present (zero when it never ran). */
    public Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            out.put(stage.wireName(), nanos[stage.ordinal()] / 1e9);
        }
        return out;
    }
}
