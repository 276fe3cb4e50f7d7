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
import java.util.Set;

/**
 * Writes a run's {@code report.html}: merges the per-shard partials of the run (and of the compared run, if any; see
 * {@link ReportPartials}) with a {@link PartialGatherer}, then renders, with the run's latest calibration
 * (reviews/calibration-NNN.json) when there is one. Shards without a partial (runs written before partials existed)
 * get theirs computed from the shard on the way.
 */
public final class RunReport {

    /** Images per gallery kind (lowest confidence, disagreements, no labels). */
    public static final int GALLERY_PER_KIND = 8;
    public static final int THUMBNAIL_SIDE = 256;

    private RunReport() {
    }

    /**
     * Collects {@code run} (and {@code previous} for the drift section) and writes the report to {@code outUri}.
     * Thumbnails are read through {@code store} and decoded within {@code limits}.
     */
    public static void write(BlobStore store, DecodeLimits limits, RunLayout run, Optional<RunLayout> previous,
            String outUri, PartialGatherer gatherer, PrintStream progress) throws IOException {
        requireNonNull(outUri, "outUri");
        ReportData data = collect(store, run, GALLERY_PER_KIND, gatherer, progress);
        Optional<ReportData> before = previous.isPresent()
                ? Optional.of(collect(store, previous.get(), 0, gatherer, progress)) : Optional.empty();
        String html = new ReportRenderer(new Thumbnails(store, new ImageIoDecoder(limits), THUMBNAIL_SIDE)).render(data,
                before, new ReviewStore(store, run).latestCalibration());
        store.write(outUri, html.getBytes(StandardCharsets.UTF_8));
    }

    /** As the method above, gathering with {@link LocalGatherer#forThisMachine}. */
    public static void write(BlobStore store, DecodeLimits limits, RunLayout run, Optional<RunLayout> previous,
            String outUri, PrintStream progress) throws IOException {
        write(store, limits, run, previous, outUri, LocalGatherer.forThisMachine(store), progress);
    }

    /** The merged partials of the run's shards, plus its run.json when present. */
    public static ReportData collect(BlobStore store, RunLayout layout, int galleryPerKind, PartialGatherer gatherer,
            PrintStream progress) throws IOException {
        ReportCollector collector = new ReportCollector(galleryPerKind);
        collector.add(gatherer.gather(RunReader.shardsOf(store, layout), ReportPartials.present(store, layout),
                galleryPerKind, layout.runId(), progress));
        return collector.result(layout.runId(), RunFacts.read(store, layout));
    }

    /** As the method above, gathering with {@link LocalGatherer#forThisMachine}. */
    public static ReportData collect(BlobStore store, RunLayout layout, int galleryPerKind, PrintStream progress)
            throws IOException {
        return collect(store, layout, galleryPerKind, LocalGatherer.forThisMachine(store), progress);
    }

    /** How many of the run's shards have no stored partial yet (a run written before partials existed). */
    public static long shardsWithoutPartial(BlobStore store, RunLayout layout) throws IOException {
        Set<String> present = ReportPartials.present(store, layout);
        return RunReader.shardsOf(store, layout).stream().filter(u -> !ReportPartials.hasPartial(present, u)).count();
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
