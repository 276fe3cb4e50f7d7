package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.ResizedImage;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.labeling.StageTimes.Stage;
import dev.autolabel.merge.OpenVocabPass;
import dev.autolabel.merge.Uncertainty;
import dev.autolabel.model.Prompt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The model side of labeling for one batch of prepared images: pass 1 (and its mirrored run for the flip check),
 * pass 2, then per image the pass filters, the gap-fill merge and the review score. Owns the detectors' batch
 * buffers, so it runs on one thread (the pipeline's inference thread). A model error is thrown: it is systemic.
 */
final class BatchLabeler {

    private final PassDetectors passes;
    private final RowResults rows;
    private final StageTimes times;
    private final Uncertainty uncertainty;

    BatchLabeler(PassDetectors passes, RowResults rows, StageTimes times) {
        this.passes = requireNonNull(passes, "passes");
        this.rows = requireNonNull(rows, "rows");
        this.times = requireNonNull(times, "times");
        this.uncertainty = new Uncertainty(passes.precisionPass().params(),
                passes.openVocabPass().map(OpenVocabPass::params), promptLabels(passes));
    }

    private static Set<String> promptLabels(PassDetectors passes) {
        return passes.openVocabPass().map(p -> p.prompts().stream().map(Prompt::label).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    /** Images per model run that keeps every pass's batches full. */
    int batchSize() {
        return Math.max(passes.precision().batchSize(), passes.openVocab().map(d -> d.batchSize()).orElse(1));
    }

    /** One OK row per image, in batch order. */
    List<LabeledImage> label(List<PreparedImage> batch) {
        long start = System.nanoTime();
        List<List<Detection>> raw1 = passes.precision().detectResized(inputs(batch, PreparedImage::pass1));
        List<List<Detection>> mirrored1 = mirrored(batch);
        start = times.lap(Stage.INFER_PASS1, start);
        List<List<Detection>> raw2 = passes.openVocab()
                .map(d -> d.detectResized(inputs(batch, p -> p.pass2().orElseThrow()))).orElse(List.of());
        start = times.lap(Stage.INFER_PASS2, start);
        List<LabeledImage> out = new ArrayList<>(batch.size());
        for (int k = 0; k < batch.size(); k++) {
            PreparedImage image = batch.get(k);
            List<Detection> open = raw2.isEmpty() ? List.of() : raw2.get(k);
            List<LabeledDetection> labels = passes.combine(raw1.get(k), mirrored1.get(k), open, image.width(),
                    image.height()).labels();
            out.add(rows.ok(image, labels, uncertainty.score(labels, raw1.get(k))));
        }
        times.lap(Stage.MERGE, start);
        return out;
    }

    private List<List<Detection>> mirrored(List<PreparedImage> batch) {
        if (!passes.precisionPass().needsMirroredRun()) {
            return Collections.nCopies(batch.size(), List.of());
        }
        List<List<Detection>> raw = passes.precision().detectResized(inputs(batch, p -> p.mirrored().orElseThrow()));
        return MirroredDetections.backToOriginal(raw, batch.stream().mapToInt(PreparedImage::width).toArray());
    }

    private static List<ResizedImage> inputs(List<PreparedImage> batch, Function<PreparedImage, ResizedImage> which) {
        return batch.stream().map(which).toList();
    }
}
