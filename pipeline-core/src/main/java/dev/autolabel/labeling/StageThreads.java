package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one pipeline run: a fetch pool, a decode pool and the inference thread, all daemons named
 * {@code autolabel-<run>-<stage>-<n>}. {@link #stop} interrupts them all and waits, bounded, until they have ended.
 */
final class StageThreads {

    private static final Logger LOG = LoggerFactory.getLogger(StageThreads.class);
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final long STOP_WAIT_MILLIS = 30_000;

    private final ExecutorService fetch;
    private final ExecutorService decode;
    private final Thread inference;

    StageThreads(int fetchThreads, int decodeThreads, Runnable inferenceLoop) {
        String name = "autolabel-" + RUNS.incrementAndGet();
        this.fetch = pool(fetchThreads, name + "-fetch");
        this.decode = pool(decodeThreads, name + "-decode");
        this.inference = new Thread(requireNonNull(inferenceLoop, "inferenceLoop"), name + "-infer");
        inference.setDaemon(true);
        inference.start();
    }

    /** Runs {@code task} on a fetch thread; false when the threads are stopping (the task is dropped). */
    boolean fetch(Runnable task) {
        return submit(fetch, task);
    }

    /** Runs {@code task} on a decode thread; false when the threads are stopping (the task is dropped). */
    boolean decode(Runnable task) {
        return submit(decode, task);
    }

    private static boolean submit(ExecutorService pool, Runnable task) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Interrupts every thread and waits until all have ended, at most 30 s: a read or model run that ignores
     * interrupts ends on its own deadline (the threads are daemons). Keeps the caller's interrupt status.
     */
    void stop() {
        fetch.shutdownNow();
        decode.shutdownNow();
        inference.interrupt();
        boolean interrupted = Thread.interrupted();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
            boolean fetchEnded = fetch.awaitTermination(remaining(deadline), TimeUnit.MILLISECONDS);
            boolean decodeEnded = decode.awaitTermination(remaining(deadline), TimeUnit.MILLISECONDS);
            inference.join(Math.max(1, remaining(deadline)));
            if (!fetchEnded || !decodeEnded || inference.isAlive()) {
                LOG.warn("Labeling pipeline threads still busy {} s after the run ended (a read or model run that"
                        + " ignores interrupts); they are daemons and end when it returns", STOP_WAIT_MILLIS / 1000);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static ExecutorService pool(int threads, String name) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
