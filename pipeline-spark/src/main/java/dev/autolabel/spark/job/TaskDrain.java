package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Arrays;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Waits, bounded, until no executor runs a task. A cancelled job returns at once while its tasks are still
 * being killed; one of them could still commit, so the committed shards are read only after this.
 */
final class TaskDrain {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 100;

    private final JavaSparkContext spark;

    TaskDrain(JavaSparkContext spark) {
        this.spark = requireNonNull(spark, "spark");
    }

    /** Returns true when no task runs any more, false when the limit passed first. */
    boolean await() {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (running() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private int running() {
        return Arrays.stream(spark.sc().statusTracker().getExecutorInfos()).mapToInt(SparkExecutorInfo::numRunningTasks).sum();
    }
}
