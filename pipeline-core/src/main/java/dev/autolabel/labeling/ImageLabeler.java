package dev.autolabel.labeling;

import dev.autolabel.config.PipelineSettings;
import dev.autolabel.image.ImageDecoder;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Labels a list of manifest rows: fetch, decode, pass 1, pass 2, gap-fill merge, review score (uncertainty).
 * Returns exactly one {@link LabeledImage} per row, in row order: per-image faults become FAILED rows, never
 * exceptions. OK rows record the fingerprint of the content they were labeled from. A list-in, list-out front to
 * {@link LabelingPipeline} (the same code path), for callers that hold their rows in memory.
 * One call at a time per instance (its detectors hold batch buffers).
 */
public final class ImageLabeler {

    private final LabelingPipeline pipeline;

    public ImageLabeler(BlobStore store, ImageDecoder decoder, PassDetectors passes, Provenance provenance, Clock clock) {
        this.pipeline = new LabelingPipeline(store, decoder, passes, provenance, clock, PipelineSettings.defaults());
    }

    public List<LabeledImage> label(List<? extends ManifestRow> rows) {
        List<LabeledImage> out = new ArrayList<>(rows.size());
        try {
            pipeline.run(rows.iterator(), out::add);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while labeling " + rows.size() + " rows");
        } catch (IOException e) {
            throw new UncheckedIOException("a list sink cannot fail", e);
        }
        return out;
    }

    /** Time spent per stage by this labeler so far (for run reports). */
    public StageTimes stageTimes() {
        return pipeline.stageTimes();
    }
}
