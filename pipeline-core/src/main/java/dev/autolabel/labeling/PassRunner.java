package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.RgbImage;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.tiling.View;
import dev.autolabel.tiling.ViewPlanner;
import java.util.List;
import java.util.Map;

/**
 * Both passes over decoded images on the caller's thread, exactly as the pipeline's inference runs them: each image
 * cut into its views (whole, tiles), views batched across images, views merged per pass, then the pass filters and
 * the gap-fill merge ({@link PassOutcome}). For callers that hold decoded images (quality evaluation); an image's
 * outcome is delivered as soon as its last view has been through the models, at the latest by {@link #finish}. Each
 * image is resized into its views when it is added, so it need not be kept. One thread; not reusable after finish.
 */
public final class PassRunner {

    /** Receives each image's outcome, with the index it was added under. */
    @FunctionalInterface
    public interface Outcomes {
        void accept(long index, PassOutcome outcome);
    }

    private final ViewPlanner planner;
    private final ModelInputs inputs;
    private final ViewBatcher batcher;
    private final InferenceCounts counts = new InferenceCounts();

    public PassRunner(PassDetectors passes, Outcomes outcomes) {
        requireNonNull(passes, "passes");
        requireNonNull(outcomes, "outcomes");
        this.planner = passes.views();
        this.inputs = new ModelInputs(passes);
        this.batcher = new ViewBatcher(passes, inputs, new StageTimes(), counts, (image, views) -> {
            RawDetections raw = passes.mergeViews(views, image.width(), image.height());
            outcomes.accept(image.seq(), passes.combine(raw.precision(), raw.mirrored(), raw.openVocab(), image.width(),
                    image.height()));
        });
    }

    /** Adds one image; outcomes of images whose views are all through the models are delivered before this returns. */
    public void add(long index, RgbImage image) {
        requireNonNull(image, "image");
        int width = image.originalWidth();
        int height = image.originalHeight();
        List<View> views = planner.plan(width, height);
        ImageHeader header = new ImageHeader(index, new ManifestEntry("image-" + index, "memory:" + index, index, Map.of()),
                "", width, height, views.size());
        for (int k = 0; k < views.size(); k++) {
            batcher.add(inputs.prepare(header, views.get(k), image, k == views.size() - 1));
        }
    }

    /** Runs what is left in short batches: every image added has had its outcome delivered when this returns. */
    public void finish() {
        batcher.flush();
    }

    /** What went through the models so far. */
    public InferenceCounts counts() {
        return counts;
    }
}
