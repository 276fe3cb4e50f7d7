package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Nanoseconds spent in each stage of labeling, summed over the images and batches of one {@link LabelingPipeline},
 * so run reports can show where the time goes. Stages run on several threads at once (fetch and decode on pools),
 * so a stage's total is thread time and the stages can add up to more than the wall time. Thread-safe.
 */
public final class StageTimes {

    /** The stages of {@link LabelingPipeline}; the wire name is the key in shard markers and run.json. */
    public enum Stage {
        /** Reading the image objects (fetch threads, mostly waiting on storage). */
        FETCH("fetch"),
        /** Decoding, and resizing into the models' input sizes (decode threads). */
        DECODE("decode"),
        /** Pass 1, and its run on mirrored images for the flip check: normalisation and the model (inference thread). */
        INFER_PASS1("infer_pass1"),
        INFER_PASS2("infer_pass2"),
        /** Pass filters (auto-QA, pass-2 limits), the gap-fill merge and the review score. */
        MERGE("merge");

        private final String wireName;

        Stage(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final AtomicLongArray nanos = new AtomicLongArray(Stage.values().length);

    public void add(Stage stage, long elapsedNanos) {
        requireNonNull(stage, "stage");
        if (elapsedNanos < 0) {
            throw new IllegalArgumentException("elapsed time must be >= 0, got " + elapsedNanos);
        }
        nanos.addAndGet(stage.ordinal(), elapsedNanos);
    }

    /** Adds the time since {@code sinceNanos} (a {@link System#nanoTime()} reading) and returns the current reading. */
    public long lap(Stage stage, long sinceNanos) {
        long now = System.nanoTime();
        add(stage, Math.max(0, now - sinceNanos));
        return now;
    }

    public long nanos(Stage stage) {
        return nanos.get(requireNonNull(stage, "stage").ordinal());
    }

    /** Seconds per stage by wire name, in pipeline order; every stage is present (zero when it never ran). */
    public Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            out.put(stage.wireName(), nanos.get(stage.ordinal()) / 1e9);
        }
        return out;
    }
}
