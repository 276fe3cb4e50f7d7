package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.FailurePolicy;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Watches the driver's done/failed counts while a job runs and, the first time the failure ratio is over the
 * policy's limit, records the counts and calls {@code onExceeded} (which cancels the job), once. A model error
 * reported by a task ({@code modelFailed}) cancels the job the same way, without a trip: the run ends on that error.
 */
final class FailureRatioWatch implements AutoCloseable {

    /** Counts are merged on the driver as tasks finish; a short poll stops the job within a task or two. */
    private static final long POLL_MILLIS = 100;

    /** The counts that tripped the watch. */
    record Trip(long done, long failed) {
    }

    private final FailurePolicy policy;
    private final LongSupplier done;
    private final LongSupplier failed;
    private final Runnable onExceeded;
    private final BooleanSupplier modelFailed;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicReference<Trip> trip = new AtomicReference<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "autolabel-failure-ratio");
        t.setDaemon(true);
        return t;
    });

    FailureRatioWatch(FailurePolicy policy, LongSupplier done, LongSupplier failed, Runnable onExceeded) {
        this(policy, done, failed, () -> false, onExceeded);
    }

    FailureRatioWatch(FailurePolicy policy, LongSupplier done, LongSupplier failed, BooleanSupplier modelFailed,
            Runnable onExceeded) {
        this.modelFailed = requireNonNull(modelFailed, "modelFailed");
        this.policy = requireNonNull(policy, "policy");
        this.done = requireNonNull(done, "done");
        this.failed = requireNonNull(failed, "failed");
        this.onExceeded = requireNonNull(onExceeded, "onExceeded");
        timer.scheduleWithFixedDelay(this::check, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void check() {
        if (modelFailed.getAsBoolean()) {
            if (stopped.compareAndSet(false, true)) {
                timer.shutdown();
                onExceeded.run();
            }
            return;
        }
        long failedNow = failed.getAsLong(); // read first: done never lags behind failed
        long doneNow = done.getAsLong();
        if (trip.get() == null && policy.exceeded(doneNow, failedNow) && stopped.compareAndSet(false, true)
                && trip.compareAndSet(null, new Trip(doneNow, failedNow))) {
            timer.shutdown();
            onExceeded.run();
        }
    }

    Optional<Trip> tripped() {
        return Optional.ofNullable(trip.get());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
