package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints one progress line at a steady interval on the driver: images done / total, rate, ETA and failures.
 * Counts come from accumulators, which Spark merges on the driver as each shard's task finishes.
 */
final class ProgressReporter implements AutoCloseable {

    private final long total;
    private final LongSupplier done;
    private final LongSupplier failed;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "autolabel-progress");
        t.setDaemon(true);
        return t;
    });

    ProgressReporter(long total, LongSupplier done, LongSupplier failed, Duration interval, PrintStream out) {
        this.total = total;
        this.done = requireNonNull(done, "done");
        this.failed = requireNonNull(failed, "failed");
        this.out = requireNonNull(out, "out");
        long ms = interval.toMillis();
        timer.scheduleAtFixedRate(this::print, ms, ms, TimeUnit.MILLISECONDS);
    }

    void print() {
        out.println(line(done.getAsLong(), failed.getAsLong(), (System.nanoTime() - startNanos) / 1e9));
    }

    String line(long doneNow, long failedNow, double seconds) {
        double rate = seconds > 0 ? doneNow / seconds : 0;
        String eta = rate > 0 && doneNow < total ? formatDuration((total - doneNow) / rate) : "-";
        double percent = total == 0 ? 100 : 100.0 * doneNow / total;
        return String.format("[autolabel] %d/%d images (%.1f%%), %.1f img/s, ETA %s, failed %d",
                doneNow, total, percent, rate, eta, failedNow);
    }

    static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }

    @Override
    public void close() {
        timer.shutdownNow();
        print();
    }
}
