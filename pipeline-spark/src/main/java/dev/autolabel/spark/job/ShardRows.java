package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.spark.incremental.CopiedRows;
import dev.autolabel.spark.output.ShardWriter;
import java.io.IOException;
import java.util.Optional;

/**
 * Writes one shard's rows in manifest order as they become ready: rows copied from the parent run at their own
 * places, freshly labeled rows (which the pipeline delivers in manifest order too) in the places between. Counts
 * every row into the shard summary and the run's counters, and times the Parquet writer (the write stage).
 */
final class ShardRows {

    private final ShardWriter writer;
    private final ShardSummary.Builder summary;
    private final ShardCounters counters;
    private final CopiedRows fromParent;
    private final int size;
    private final Runnable killCheck;
    private int next;
    private long writeNanos;

    /** @param killCheck called before each labeled row: throws when Spark has killed the task */
    ShardRows(ShardWriter writer, ShardSummary.Builder summary, ShardCounters counters, CopiedRows fromParent, int size,
            Runnable killCheck) {
        this.writer = requireNonNull(writer, "writer");
        this.summary = requireNonNull(summary, "summary");
        this.counters = requireNonNull(counters, "counters");
        this.fromParent = requireNonNull(fromParent, "fromParent");
        this.size = size;
        this.killCheck = requireNonNull(killCheck, "killCheck");
    }

    /** The next freshly labeled row, after the parent rows that come before it in the manifest. */
    void labeled(LabeledImage row) throws IOException {
        killCheck.run();
        writeParentRows();
        if (next >= size) {
            throw new IllegalStateException("more labeled rows than the shard's " + size + " manifest rows");
        }
        write(row);
        summary.add(row);
        counters.labeled(row);
        next++;
    }

    /** Writes the parent rows after the last labeled row; every manifest row must have been written by then. */
    void finish() throws IOException {
        writeParentRows();
        if (next != size) {
            throw new IllegalStateException("shard has " + size + " manifest rows but " + next + " were written");
        }
    }

    /** Nanoseconds spent in the Parquet writer. */
    long writeNanos() {
        return writeNanos;
    }

    private void writeParentRows() throws IOException {
        for (Optional<LabeledImage> copied = at(next); copied.isPresent(); copied = at(++next)) {
            write(copied.get());
            summary.addFromParent(copied.get());
            counters.copiedFromParent();
        }
    }

    private Optional<LabeledImage> at(int position) {
        return position < size ? fromParent.at(position) : Optional.empty();
    }

    private void write(LabeledImage row) throws IOException {
        long start = System.nanoTime();
        writer.write(row);
        writeNanos += System.nanoTime() - start;
    }
}
