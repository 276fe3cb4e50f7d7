package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.labeling.StageTimes.Stage;
import dev.autolabel.merge.OpenVocabPass;
import dev.autolabel.merge.Uncertainty;
import dev.autolabel.model.Prompt;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The model side of labeling: views of images go through pass 1 (and its mirrored run for the flip check) and
 * pass 2 in batches ({@link ViewBatcher}); once an image's views are all through, its tiles and whole view are
 * merged per pass, then come the pass filters, the gap-fill merge and the review score, and its OK row goes to the
 * row consumer. Owns the detectors' batch buffers, so it runs on one thread (the pipeline's inference thread). A
 * model error is thrown: it is systemic.
 */
final class BatchLabeler {

    private final PassDetectors passes;
    private final RowResults rows;
    private final StageTimes times;
    private final Uncertainty uncertainty;
    private final ViewBatcher batcher;
    private final Consumer<ImageRow> done;

    /** A finished row and the image it is for. */
    record ImageRow(ImageHeader image, LabeledImage row) {
    }

    BatchLabeler(PassDetectors passes, ModelInputs inputs, RowResults rows, StageTimes times, InferenceCounts counts,
            Consumer<ImageRow> done) {
        this.passes = requireNonNull(passes, "passes");
        this.rows = requireNonNull(rows, "rows");
        this.times = requireNonNull(times, "times");
        this.done = requireNonNull(done, "done");
        this.uncertainty = new Uncertainty(passes.precisionPass().params(),
                passes.openVocabPass().map(OpenVocabPass::params), promptLabels(passes));
        this.batcher = new ViewBatcher(passes, inputs, times, counts, this::finish);
    }

    private static Set<String> promptLabels(PassDetectors passes) {
        return passes.openVocabPass().map(p -> p.prompts().stream().map(Prompt::label).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    /** Views per model run that keeps every pass's batches full. */
    static int batchSize(PassDetectors passes) {
        return Math.max(passes.precision().batchSize(), passes.openVocab().map(d -> d.batchSize()).orElse(1));
    }

    /** Takes one view; any image it completes is labeled and delivered before this returns. */
    void add(ViewInput view) {
        batcher.add(view);
    }

    /** Runs the views taken so far in short batches: every image whose views all arrived is delivered. */
    void flush() {
        batcher.flush();
    }

    /** Whether no view waits for a model. */
    boolean idle() {
        return batcher.idle();
    }

    private void finish(ImageHeader image, RawDetections views) {
        long start = System.nanoTime();
        RawDetections raw = passes.mergeViews(views, image.width(), image.height());
        List<LabeledDetection> labels = passes.combine(raw.precision(), raw.mirrored(), raw.openVocab(), image.width(),
                image.height()).labels();
        LabeledImage row = rows.ok(image, labels, uncertainty.score(labels, raw.precision()));
        times.lap(Stage.MERGE, start);
        done.accept(new ImageRow(image, row));
    }
}
