package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.PipelineSettings;
import dev.autolabel.image.ImageDecoder;
import dev.autolabel.label.Provenance;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.time.Clock;
import java.util.Iterator;

/**
 * Labels a stream of manifest rows with every stage overlapped: reads (up to {@code fetch-concurrency} in flight),
 * decode and resize (a pool of {@code decode-threads}; large images cut into tiles when a pass tiles them),
 * batching of views across images, pass 1, pass 2, the merge of tiles, the pass filters, the gap-fill merge and the
 * review score, joined by bounded queues (see {@link PipelineRun}). Every input row yields exactly one output row, in
 * input order: per-image faults become FAILED rows, a model error fails the run. Memory is bounded by the settings,
 * the batch size and the largest image (one decoded image per decode thread), not by the number of rows or of
 * tiles; resize and batch buffers are reused.
 *
 * <p>The detectors' batch buffers belong to this object: one {@link #run} at a time. Stage times accumulate over
 * runs.
 */
public final class LabelingPipeline {

    private final BlobStore store;
    private final ImageDecoder decoder;
    private final RowResults results;
    private final PassDetectors passes;
    private final PipelineSettings settings;
    private final StageTimes times = new StageTimes();
    private final InferenceCounts counts = new InferenceCounts();

    /**
     * @param settings decode threads 0 means one per available processor; callers that know their share of the
     *     machine (a Spark task's cores) pass it explicitly
     */
    public LabelingPipeline(BlobStore store, ImageDecoder decoder, PassDetectors passes, Provenance provenance,
            Clock clock, PipelineSettings settings) {
        this.store = requireNonNull(store, "store");
        this.decoder = requireNonNull(decoder, "decoder");
        this.settings = requireNonNull(settings, "settings");
        this.results = new RowResults(provenance, clock);
        this.passes = requireNonNull(passes, "passes");
    }

    /**
     * Labels every row and hands each result to {@code sink} on this thread, in input order. Returns when all are
     * delivered; an exception from the sink, a model error or an interrupt stops every stage thread first.
     */
    public PipelineStats run(Iterator<? extends ManifestRow> rows, RowSink sink) throws IOException, InterruptedException {
        requireNonNull(rows, "rows");
        requireNonNull(sink, "sink");
        try (PipelineRun run = new PipelineRun(store, decoder, passes, results, times, counts,
                settings.fetchConcurrency(), settings.decodeThreadsFor(Runtime.getRuntime().availableProcessors()),
                settings.queueCapacityFor(batchSize()))) {
            return run.drive(rows, sink);
        }
    }

    /** Time spent per stage over all runs so far (thread time: concurrent stages overlap). */
    public StageTimes stageTimes() {
        return times;
    }

    /** What went through the models over all runs so far: views, tiles, model runs and their sizes. */
    public InferenceCounts inferenceCounts() {
        return counts;
    }

    /** Views (whole images or tiles) per model run. */
    public int batchSize() {
        return BatchLabeler.batchSize(passes);
    }
}
