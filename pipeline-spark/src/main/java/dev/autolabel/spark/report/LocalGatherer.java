package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import dev.autolabel.spark.output.ParallelShards;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * Gathers a run's partials on a bounded thread pool of this JVM (reads them in parallel, computes missing ones from
 * their shards), merging as they come. Prints a progress line at most about once a second.
 */
public final class LocalGatherer implements PartialGatherer {

    private static final long PROGRESS_NANOS = 1_000_000_000L;
    /** Reading partials waits on storage more than it computes: more requests in flight than cores. */
    private static final int MIN_READERS = 8;

    private final BlobStore store;
    private final ParallelShards shards;

    public LocalGatherer(BlobStore store, int threads) {
        this.store = requireNonNull(store, "store");
        this.shards = new ParallelShards(threads);
    }

    /** A gatherer with a thread per core, and at least {@value #MIN_READERS}. */
    public static LocalGatherer forThisMachine(BlobStore store) {
        return new LocalGatherer(store, Math.max(MIN_READERS, Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public ReportPartial gather(List<String> shardUris, Set<String> stored, int galleryPerKind, String runId,
            PrintStream progress) throws IOException {
        ReportCollector merged = new ReportCollector(galleryPerKind);
        long[] lastPrint = {System.nanoTime() - PROGRESS_NANOS};
        shards.run(shardUris, (ordinal, uri) -> ReportPartials.obtain(store, uri, ReportPartials.hasPartial(stored, uri)),
                (ordinal, partial) -> {
                    merged.add(partial);
                    if (System.nanoTime() - lastPrint[0] >= PROGRESS_NANOS && ordinal + 1 < shardUris.size()) {
                        lastPrint[0] = System.nanoTime();
                        progress.printf("[autolabel] report %s: %d/%d shards read%n", runId, ordinal + 1, shardUris.size());
                    }
                });
        progress.printf("[autolabel] report %s: %d/%d shards read%n", runId, shardUris.size(), shardUris.size());
        return merged.partial();
    }
}
