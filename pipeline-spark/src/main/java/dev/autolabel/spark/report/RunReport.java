package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.DecodeLimits;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.spark.review.ReviewStore;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Writes a run's {@code report.html}: one streaming pass over the run's shards (and one over the compared run,
 * if any), then rendering, with the run's latest calibration (reviews/calibration-NNN.json) when there is one. Prints a progress line per shard read, at most about once a second.
 */
public final class RunReport {

    /** Images per gallery kind (lowest confidence, disagreements, no labels). */
    public static final int GALLERY_PER_KIND = 8;
    public static final int THUMBNAIL_SIDE = 256;
    private static final long PROGRESS_NANOS = 1_000_000_000L;

    private RunReport() {
    }

    /**
     * Collects {@code run} (and {@code previous} for the drift section) and writes the report to {@code outUri}.
     * Thumbnails are read through {@code store} and decoded within {@code limits}.
     */
    public static void write(BlobStore store, DecodeLimits limits, RunLayout run, Optional<RunLayout> previous,
            String outUri, PrintStream progress) throws IOException {
        requireNonNull(outUri, "outUri");
        ReportData data = collect(store, run, GALLERY_PER_KIND, progress);
        Optional<ReportData> before = previous.isPresent()
                ? Optional.of(collect(store, previous.get(), 0, progress)) : Optional.empty();
        String html = new ReportRenderer(new Thumbnails(store, new ImageIoDecoder(limits), THUMBNAIL_SIDE)).render(data, before,
                new ReviewStore(store, run).latestCalibration());
        store.write(outUri, html.getBytes(StandardCharsets.UTF_8));
    }

    /** One pass over the run's committed shards, plus its run.json when present. */
    public static ReportData collect(BlobStore store, RunLayout layout, int galleryPerKind, PrintStream progress)
            throws IOException {
        ReportCollector collector = new ReportCollector(layout.runId(), galleryPerKind);
        try (RunReader reader = new RunReader(store, layout)) {
            int shown = 0;
            long lastPrint = System.nanoTime() - PROGRESS_NANOS;
            while (reader.hasNext()) {
                collector.add(reader.next());
                int done = reader.shardsOpened() - 1;
                if (done > shown && System.nanoTime() - lastPrint >= PROGRESS_NANOS) {
                    shown = done;
                    lastPrint = System.nanoTime();
                    progress.printf("[autolabel] report %s: %d/%d shards read%n", layout.runId(), done, reader.shardCount());
                }
            }
            progress.printf("[autolabel] report %s: %d/%d shards read%n", layout.runId(), reader.shardCount(),
                    reader.shardCount());
        }
        return collector.result(RunFacts.read(store, layout));
    }

    /** The layout of a run given by its folder or URI ({@code out/RUN_ID}, {@code s3://bucket/prefix/RUN_ID/}). */
    public static RunLayout layoutOf(String runDir) {
        String dir = requireNonNull(runDir, "runDir").strip();
        while (dir.endsWith("/") && dir.length() > 1) {
            dir = dir.substring(0, dir.length() - 1);
        }
        int slash = dir.lastIndexOf('/');
        String runId = dir.substring(slash + 1);
        if (runId.isEmpty() || runId.equals(".") || runId.equals("..") || runId.endsWith(":")) {
            throw new IllegalArgumentException("not a run folder: '" + runDir + "' (expected OUTPUT/RUN_ID)");
        }
        return new RunLayout(slash < 0 ? "." : slash == 0 ? "/" : dir.substring(0, slash), runId);
    }
}
