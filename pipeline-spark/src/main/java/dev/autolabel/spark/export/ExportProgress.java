package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import dev.autolabel.spark.output.RunReader;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress of one streaming pass over a run, on stderr: a line when a new shard is opened, at most one per
 * {@code every}, and a closing line with the pass's totals. Exports over large runs can take minutes.
 */
final class ExportProgress {

    private final PrintStream out;
    private final long everyNanos;
    private final String pass;
    private long lastPrint = Long.MIN_VALUE;
    private int lastShard;

    ExportProgress(PrintStream out, Duration every, String pass) {
        this.out = requireNonNull(out, "out");
        this.everyNanos = requireNonNull(every, "every").toNanos();
        this.pass = requireNonNull(pass, "pass");
    }

    /** Called after each row; prints only when the reader moved to a new shard and the interval has passed. */
    void row(RunReader reader, long rows) {
        if (reader.shardsOpened() == lastShard) {
            return;
        }
        lastShard = reader.shardsOpened();
        long now = System.nanoTime();
        if (lastPrint == Long.MIN_VALUE || now - lastPrint >= everyNanos) {
            lastPrint = now;
            out.printf("[autolabel] export %s: shard %d/%d, %d rows read%n", pass, lastShard, reader.shardCount(), rows);
        }
    }

    void done(RunReader reader, long rows) {
        out.printf("[autolabel] export %s: done, %d shards, %d rows%n", pass, reader.shardCount(), rows);
    }
}
