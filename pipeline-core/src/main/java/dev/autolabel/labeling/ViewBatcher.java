package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.ResizedImage;
import dev.autolabel.labeling.InferenceCounts.Pass;
import dev.autolabel.labeling.StageTimes.Stage;
import dev.autolabel.model.Detector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;

/**
 * Batches views (whole images and tiles, of any images) per pass and runs them through the models: a pass's model
 * runs as soon as it has a full batch of views to see, whichever images they come from, so tiles of several images
 * share batches and the models' batches stay full however images are cut. Detections are moved from each view's
 * pixels into its image's and collected per image; once every view of an image has been through all its passes,
 * the image's {@link RawDetections} go to the {@link Finished} callback and its buffers back to their pools.
 * {@link #flush} runs what is left in short batches. Owns the detectors' batch buffers: one thread only. A model
 * error is thrown: it is systemic.
 */
final class ViewBatcher {

    /** Receives each image once all its views are through the models. */
    @FunctionalInterface
    interface Finished {
        void accept(ImageHeader image, RawDetections detections);
    }

    /** A view waiting for its passes: how many are still to run. */
    private static final class Slot {
        final ViewInput view;
        int passesLeft;

        Slot(ViewInput view) {
            this.view = view;
            this.passesLeft = (view.pass1().isPresent() ? 1 : 0) + (view.pass2().isPresent() ? 1 : 0);
        }
    }

    /** One image's detections so far, from the views that have been through the models. */
    private static final class Collected {
        final ImageHeader image;
        final List<Detection> precision = new ArrayList<>();
        final List<Detection> mirrored = new ArrayList<>();
        final List<Detection> openVocab = new ArrayList<>();
        int viewsDone;

        Collected(ImageHeader image) {
            this.image = image;
        }
    }

    private final PassDetectors passes;
    private final ModelInputs inputs;
    private final StageTimes times;
    private final InferenceCounts counts;
    private final Finished finished;
    private final List<Slot> pending1 = new ArrayList<>();
    private final List<Slot> pending2 = new ArrayList<>();
    private final Map<Long, Collected> images = new HashMap<>();

    ViewBatcher(PassDetectors passes, ModelInputs inputs, StageTimes times, InferenceCounts counts, Finished finished) {
        this.passes = requireNonNull(passes, "passes");
        this.inputs = requireNonNull(inputs, "inputs");
        this.times = requireNonNull(times, "times");
        this.counts = requireNonNull(counts, "counts");
        this.finished = requireNonNull(finished, "finished");
    }

    /** Takes a view; runs a pass whose batch it fills. */
    void add(ViewInput view) {
        requireNonNull(view, "view");
        Collected image = images.computeIfAbsent(view.image().seq(), seq -> {
            counts.image(view.image().views() > 1 || view.view().isTile());
            return new Collected(view.image());
        });
        if (image.image != view.image()) {
            throw new IllegalStateException("two images share sequence number " + view.image().seq());
        }
        Slot slot = new Slot(view);
        if (view.pass1().isPresent()) {
            counts.view(Pass.PRECISION, view.view().isTile());
            pending1.add(slot);
        }
        if (view.pass2().isPresent()) {
            counts.view(Pass.OPEN_VOCAB, view.view().isTile());
            pending2.add(slot);
        }
        if (pending1.size() >= passes.precision().batchSize()) {
            runPrecision();
        }
        if (!pending2.isEmpty() && pending2.size() >= passes.openVocab().orElseThrow().batchSize()) {
            runOpenVocab();
        }
    }

    /** Runs every waiting view in short batches, so every image taken so far is finished. */
    void flush() {
        if (!pending1.isEmpty()) {
            runPrecision();
        }
        if (!pending2.isEmpty()) {
            runOpenVocab();
        }
    }

    /** Whether no view is waiting for a model. */
    boolean idle() {
        return pending1.isEmpty() && pending2.isEmpty();
    }

    private void runPrecision() {
        long start = System.nanoTime();
        List<Slot> batch = List.copyOf(pending1);
        pending1.clear();
        Detector detector = passes.precision();
        List<List<Detection>> raw = detector.detectResized(inputs(batch, v -> v.pass1().orElseThrow()));
        List<List<Detection>> mirrored = passes.precisionPass().needsMirroredRun()
                ? MirroredDetections.backToOriginal(detector.detectResized(inputs(batch, v -> v.mirrored().orElseThrow())),
                        batch.stream().mapToInt(s -> s.view.width()).toArray())
                : List.of();
        counts.run(Pass.PRECISION, batch.size());
        times.lap(Stage.INFER_PASS1, start);
        deliver(batch, (image, k) -> {
            ViewInput view = batch.get(k).view;
            image.precision.addAll(toImage(view, raw.get(k)));
            if (!mirrored.isEmpty()) {
                image.mirrored.addAll(toImage(view, mirrored.get(k)));
            }
        });
    }

    private void runOpenVocab() {
        long start = System.nanoTime();
        List<Slot> batch = List.copyOf(pending2);
        pending2.clear();
        List<List<Detection>> raw = passes.openVocab().orElseThrow()
                .detectResized(inputs(batch, v -> v.pass2().orElseThrow()));
        counts.run(Pass.OPEN_VOCAB, batch.size());
        times.lap(Stage.INFER_PASS2, start);
        deliver(batch, (image, k) -> image.openVocab.addAll(toImage(batch.get(k).view, raw.get(k))));
    }

    /** Hands each view's detections of a pass's run to its image ({@code add}), then counts the pass done for it. */
    private void deliver(List<Slot> batch, ObjIntConsumer<Collected> add) {
        for (int k = 0; k < batch.size(); k++) {
            Collected image = images.get(batch.get(k).view.image().seq());
            add.accept(image, k);
            passDone(batch.get(k), image);
        }
    }

    /** A pass has run on a view: once all have, its buffers go back; once all of an image's views are done, it is finished. */
    private void passDone(Slot slot, Collected image) {
        if (--slot.passesLeft > 0) {
            return;
        }
        inputs.release(slot.view);
        if (++image.viewsDone == image.image.views()) {
            images.remove(image.image.seq());
            finished.accept(image.image, new RawDetections(image.precision, image.mirrored, image.openVocab));
        }
    }

    /** Detections in a view's pixels moved into its image's, recording the tile. */
    private static List<Detection> toImage(ViewInput view, List<Detection> detections) {
        return view.view().tile().map(tile -> detections.stream().map(d -> d.onTile(tile)).toList()).orElse(detections);
    }

    private static List<ResizedImage> inputs(List<Slot> batch, Function<ViewInput, ResizedImage> which) {
        return batch.stream().map(s -> which.apply(s.view)).toList();
    }
}
