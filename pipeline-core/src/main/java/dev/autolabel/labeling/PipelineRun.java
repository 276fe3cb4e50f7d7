package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.ImageDecoder;
import dev.autolabel.image.RgbImage;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.LabelingException;
import dev.autolabel.labeling.StageTimes.Stage;
import dev.autolabel.manifest.MalformedRow;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.storage.Blob;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.tiling.View;
import dev.autolabel.tiling.ViewPlanner;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One pass of rows through the pipeline's stages, each on its own threads and joined by queues:
 * <pre>
 *   caller: admit row ──► fetch pool (N reads in flight) ──► decode pool (decode, cut into views, resize)
 *        ──► [view queue] ──► inference thread (batches of views; pass 1, pass 2, merge) ──► [completions]
 *        ──► caller: reorder, sink
 * </pre>
 * A view is the whole image or one tile of it (tiled inference): a decode thread cuts and resizes an image's views
 * one by one as the queue takes them, so a large image never has all its tiles in memory, and the inference thread
 * batches views of whatever images they come from ({@link BatchLabeler}).
 * The caller's thread admits rows, puts finished rows back in input order and feeds the sink, so the sink (a shard
 * writer, Spark's kill checks) runs where the caller expects. Per-image faults become FAILED rows at the stage
 * where they happen; anything else (a model error, an error in a worker) crashes the run, which stops every thread
 * and rethrows on the caller's thread. All stage threads ({@link StageThreads}) are stopped when the run ends,
 * normally or not.
 */
final class PipelineRun implements AutoCloseable {

    /** How long the inference thread waits for more images before checking whether any are still on their way. */
    private static final long REFILL_POLL_MILLIS = 5;
    private static final long IDLE_POLL_MILLIS = 100;

    /** A finished row, or the failure that ends the run. */
    private sealed interface Completion permits Done, Crashed {
    }

    private record Done(long seq, LabeledImage row) implements Completion {
    }

    private record Crashed(Throwable cause) implements Completion {
    }

    private final BlobStore store;
    private final ImageDecoder decoder;
    private final ModelInputs inputs;
    private final ViewPlanner planner;
    private final BatchLabeler labeler;
    private final RowResults results;
    private final StageTimes times;
    private final InferenceCounts counts;
    private final int windowSize;
    private final BlockingQueue<ViewInput> prepared;
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    /** Admitted images that have neither reached the inference thread nor failed on the way. */
    private final AtomicInteger upstream = new AtomicInteger();
    private final AtomicLong inferenceBusyNanos = new AtomicLong();
    private volatile boolean stopping;
    private final StageThreads threads;

    PipelineRun(BlobStore store, ImageDecoder decoder, PassDetectors passes, RowResults results, StageTimes times,
            InferenceCounts counts, int fetchThreads, int decodeThreads, int queueCapacity) {
        this.store = requireNonNull(store, "store");
        this.decoder = requireNonNull(decoder, "decoder");
        this.results = requireNonNull(results, "results");
        this.times = requireNonNull(times, "times");
        this.counts = requireNonNull(counts, "counts");
        this.planner = passes.views();
        this.inputs = new ModelInputs(passes);
        this.labeler = new BatchLabeler(passes, inputs, results, times, counts,
                done -> completions.add(new Done(done.image().seq(), done.row())));
        int batchSize = BatchLabeler.batchSize(passes);
        // Room for every stage to be full at once (one image per queued view at most), plus a batch of finished
        // rows waiting for an earlier one.
        this.windowSize = fetchThreads + decodeThreads + queueCapacity + 2 * batchSize;
        this.prepared = new ArrayBlockingQueue<>(queueCapacity);
        this.threads = new StageThreads(fetchThreads, decodeThreads, this::inferenceLoop);
    }

    /** Feeds every row through the stages and hands the results to {@code sink} in input order. */
    PipelineStats drive(Iterator<? extends ManifestRow> rows, RowSink sink) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long runsBefore = counts.runs(InferenceCounts.Pass.PRECISION);
        OrderedWindow window = new OrderedWindow(windowSize);
        long admitted = 0;
        while (true) {
            while (window.canAdmit(admitted) && rows.hasNext()) {
                admit(admitted++, rows.next(), window);
            }
            long before = window.delivered();
            window.deliverReady(sink);
            if (window.delivered() > before) {
                continue; // delivered rows free window slots: fill them before waiting
            }
            if (window.delivered() < admitted) {
                take(window); // wait for the next finished row: it may let more rows in
            } else if (!rows.hasNext()) {
                return new PipelineStats(admitted, System.nanoTime() - start, inferenceBusyNanos.get(),
                        counts.runs(InferenceCounts.Pass.PRECISION) - runsBefore, inputs.planesAllocated());
            }
        }
    }

    private void take(OrderedWindow window) throws InterruptedException {
        Completion next = completions.take();
        if (next instanceof Crashed crashed) {
            throw rethrow(crashed.cause());
        }
        Done done = (Done) next;
        window.complete(done.seq(), done.row());
    }

    private void admit(long seq, ManifestRow row, OrderedWindow window) {
        if (row instanceof MalformedRow bad) {
            window.complete(seq, results.malformed(bad));
            return;
        }
        ManifestEntry entry = (ManifestEntry) row;
        upstream.incrementAndGet();
        checkAccepted(threads.fetch(() -> fetch(seq, entry)));
    }

    private void fetch(long seq, ManifestEntry entry) {
        attempt(seq, entry, Stage.FETCH, () -> store.read(entry.uri()))
                .ifPresent(blob -> checkAccepted(threads.decode(() -> decode(seq, entry, blob))));
    }

    private void decode(long seq, ManifestEntry entry, Blob blob) {
        attempt(seq, entry, Stage.DECODE, () -> decoder.decode(blob.bytes(), entry.uri())).ifPresent(rgb -> {
            try {
                sendViews(seq, entry, blob.fingerprint(), rgb);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping: the run is over, nobody waits for this image
            } catch (Throwable t) {
                // Past the decode, an image has no faults of its own: cutting and resizing failing is a bug.
                crash(t);
            }
        });
    }

    /**
     * Cuts the image into its views and resizes each into the queue, one at a time (the queue's room paces it), so
     * at most one view per decode thread is resized ahead of the queue whatever the image's size.
     */
    private void sendViews(long seq, ManifestEntry entry, String fingerprint, RgbImage rgb) throws InterruptedException {
        List<View> views = planner.plan(rgb.originalWidth(), rgb.originalHeight());
        ImageHeader header = new ImageHeader(seq, entry, fingerprint, rgb.originalWidth(), rgb.originalHeight(),
                views.size());
        for (int k = 0; k < views.size(); k++) {
            long start = System.nanoTime();
            ViewInput view = inputs.prepare(header, views.get(k), rgb, k == views.size() - 1);
            times.lap(Stage.DECODE, start);
            prepared.put(view);
        }
    }

    /** One image's work in a stage; it may fail with the image's own error code. */
    @FunctionalInterface
    private interface StageWork<T> {
        T run() throws LabelingException;
    }

    /**
     * Runs one image's stage work, timed into {@code stage}. A fault of the image becomes its FAILED row (empty
     * result); anything worse than an exception (an Error) crashes the run.
     */
    private <T> Optional<T> attempt(long seq, ManifestEntry entry, Stage stage, StageWork<T> work) {
        long start = System.nanoTime();
        try {
            return Optional.of(work.run());
        } catch (LabelingException e) {
            failed(seq, entry, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            failed(seq, entry, ErrorCode.INTERNAL, e.toString());
        } catch (Throwable t) {
            crash(t);
        } finally {
            times.lap(stage, start);
        }
        return Optional.empty();
    }

    private void failed(long seq, ManifestEntry entry, ErrorCode code, String message) {
        completions.add(new Done(seq, results.failed(entry, code, message)));
        upstream.decrementAndGet();
    }

    /**
     * Feeds views to the labeler, which runs a pass whenever it has a full batch. Short batches run as soon as no
     * admitted image has views still on their way (end of the rows, or the rest failed), so a last image never waits.
     */
    private void inferenceLoop() {
        try {
            while (!stopping) {
                ViewInput next = prepared.poll(labeler.idle() ? IDLE_POLL_MILLIS : REFILL_POLL_MILLIS,
                        TimeUnit.MILLISECONDS);
                long start = System.nanoTime();
                if (next != null) {
                    if (next.last()) {
                        upstream.decrementAndGet();
                    }
                    labeler.add(next);
                }
                if (!labeler.idle() && upstream.get() == 0) {
                    labeler.flush();
                }
                inferenceBusyNanos.addAndGet(System.nanoTime() - start);
            }
        } catch (InterruptedException e) {
            // stopping
        } catch (Throwable t) {
            crash(t);
        }
    }

    private void crash(Throwable t) {
        if (!stopping) {
            completions.add(new Crashed(t));
        }
    }

    /** A task refused by a stopping pool: only ever after the run ended, when nobody waits for it. */
    private void checkAccepted(boolean accepted) {
        if (!accepted) {
            crash(new IllegalStateException("pipeline stage stopped"));
        }
    }

    /** Stops every stage thread; see {@link StageThreads#stop}. */
    @Override
    public void close() {
        stopping = true;
        threads.stop();
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException e) {
            return e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("labeling pipeline failed: " + cause, cause);
    }
}
