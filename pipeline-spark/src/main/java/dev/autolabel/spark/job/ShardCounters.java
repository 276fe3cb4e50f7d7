package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Status;
import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * The run's counts as Spark accumulators, merged on the driver as each task finishes: all images done and failed
 * (progress), and the part of them that came from shards already committed before this run (a resumed run's
 * failure ratio is judged on the rows it labels itself, not on rows it cannot change).
 */
record ShardCounters(LongAccumulator done, LongAccumulator failed, LongAccumulator reusedDone,
        LongAccumulator reusedFailed, CollectionAccumulator<String> modelErrors) implements Serializable {

    ShardCounters {
        requireNonNull(done, "done");
        requireNonNull(failed, "failed");
        requireNonNull(reusedDone, "reusedDone");
        requireNonNull(reusedFailed, "reusedFailed");
        requireNonNull(modelErrors, "modelErrors");
    }

    static ShardCounters register(JavaSparkContext spark) {
        return new ShardCounters(spark.sc().longAccumulator("autolabel.images"),
                spark.sc().longAccumulator("autolabel.failed"), spark.sc().longAccumulator("autolabel.reused"),
                spark.sc().longAccumulator("autolabel.reused-failed"),
                spark.sc().collectionAccumulator("autolabel.model-errors"));
    }

    /** A model failed in a task: the shard is left uncommitted and the driver ends the run with this message. */
    void modelError(String message) {
        modelErrors.add(message);
    }

    /** The first model error a task reported, if any. */
    java.util.Optional<String> firstModelError() {
        java.util.List<String> all = modelErrors.value();
        return all.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(all.get(0));
    }

    void labeled(LabeledImage row) {
        done.add(1);
        if (row.status() == Status.FAILED) {
            failed.add(1);
        }
    }

    /** A row copied from the parent of an incremental run: done, but not labeled by this run. */
    void copiedFromParent() {
        done.add(1);
        reusedDone.add(1);
    }

    void reused(ShardSummary committed) {
        done.add(committed.images());
        failed.add(committed.failed());
        reusedDone.add(committed.images());
        reusedFailed.add(committed.failed());
    }

    /** On the driver: images labeled by this run so far. */
    long labeledNow() {
        return done.value() - reusedDone.value();
    }

    /** On the driver: FAILED rows labeled by this run so far. */
    long failedNow() {
        return failed.value() - reusedFailed.value();
    }
}
