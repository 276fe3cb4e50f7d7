package dev.autolabel.spark.output;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works on a run's shards in parallel without Spark: one task per shard on a bounded thread pool, results handed to
 * the calling thread in shard order. At most {@code 2 x threads} results are computed ahead of the one being
 * consumed, so memory is bounded by a few shards' results whatever the run's size. The first failure cancels the
 * shards not yet done (waiting briefly for them to stop) and is rethrown to the caller.
 */
public final class ParallelShards {

    /** Work on one shard, on a pool thread: must not share mutable state with other shards' work. */
    public interface ShardWork<R> {
        R apply(int ordinal, String shardUri) throws IOException;
    }

    /** Takes each shard's result on the calling thread, in shard order. */
    public interface InOrder<R> {
        void accept(int ordinal, R result) throws IOException;
    }

    private static final long STOP_WAIT_SECONDS = 10;

    private final int threads;

    public ParallelShards(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    public <R> void run(List<String> shardUris, ShardWork<R> work, InOrder<R> consumer) throws IOException {
        requireNonNull(work, "work");
        requireNonNull(consumer, "consumer");
        List<String> shards = List.copyOf(shardUris);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, shards.size())), daemons());
        Deque<Future<R>> pending = new ArrayDeque<>();
        int window = 2 * threads;
        try {
            int submitted = 0;
            for (int next = 0; next < shards.size(); next++) {
                while (submitted < shards.size() && pending.size() < window) {
                    int ordinal = submitted++;
                    Callable<R> task = () -> work.apply(ordinal, shards.get(ordinal));
                    pending.add(pool.submit(task));
                }
                consumer.accept(next, await(pending.poll()));
            }
        } finally {
            pending.forEach(f -> f.cancel(true));
            stop(pool);
        }
    }

    /** Stops the pool and waits a little for cancelled work to end, so the caller can clean up after it. */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <R> R await(Future<R> result) throws IOException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while working on shards");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    private static ThreadFactory daemons() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "autolabel-shard-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
