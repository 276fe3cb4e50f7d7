package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;

/**
 * Progress of one pass over a run's shards, on stderr: a line as shards are done, at most one per {@code everyNanos},
 * and a closing line with the pass's totals. Exports over large runs can take minutes.
 */
final class ExportProgress {

    private final PrintStream out;
    private final long everyNanos;
    private final String pass;
    private final int shards;
    private long lastPrint = Long.MIN_VALUE;
    private long rows;

    ExportProgress(PrintStream out, long everyNanos, String pass, int shards) {
        this.out = requireNonNull(out, "out");
        this.everyNanos = everyNanos;
        this.pass = requireNonNull(pass, "pass");
        this.shards = shards;
    }

    /** Called as each shard is done, in run order, with the rows it read. */
    void shardDone(int ordinal, long shardRows) {
        rows += shardRows;
        long now = System.nanoTime();
        if (lastPrint == Long.MIN_VALUE || now - lastPrint >= everyNanos) {
            lastPrint = now;
            out.printf("[autolabel] export %s: shard %d/%d, %d rows read%n", pass, ordinal + 1, shards, rows);
        }
    }

    void done() {
        out.printf("[autolabel] export %s: done, %d shards, %d rows%n", pass, shards, rows);
    }
}
