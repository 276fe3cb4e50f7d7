package dev.autolabel.spark.bench;

import dev.autolabel.spark.SyntheticRun;
import dev.autolabel.spark.job.RunLayout;
import java.nio.file.Path;

/**
 * Writes a {@link SyntheticRun} for benchmarks of reports and exports (see {@code bench/report-export-bench.sh}):
 * {@code OUTPUT RUN_ID SHARDS ROWS_PER_SHARD LABELS SEED}. No images: the rows only name them.
 */
public final class SyntheticRunWriter {

    private SyntheticRunWriter() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: SyntheticRunWriter OUTPUT RUN_ID SHARDS ROWS_PER_SHARD LABELS SEED");
            System.exit(2);
        }
        long start = System.nanoTime();
        int shards = Integer.parseInt(args[2]);
        int rows = Integer.parseInt(args[3]);
        RunLayout run = new SyntheticRun(args[1], shards, rows, Integer.parseInt(args[4]), Long.parseLong(args[5]))
                .write(Path.of(args[0]));
        System.out.printf("wrote %d rows in %d shards to %s in %.1f s%n", (long) shards * rows, shards, run.runDir(),
                (System.nanoTime() - start) / 1e9);
    }
}
