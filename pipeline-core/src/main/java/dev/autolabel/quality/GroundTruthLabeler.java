package dev.autolabel.quality;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.ImageDecoder;
import dev.autolabel.image.RgbImage;
import dev.autolabel.label.LabelingException;
import dev.autolabel.labeling.InferenceCounts;
import dev.autolabel.labeling.PassDetectors;
import dev.autolabel.labeling.PassRunner;
import dev.autolabel.storage.BlobStore;

/**
 * Runs both passes over a ground truth's images, as a run does, and adds each image's four label sets
 * ({@link PassVariants}) to a {@link QualityEvaluation}. An image that cannot be read or decoded, or whose size is
 * not the one the ground truth states, stops the evaluation: scores over part of the set would mislead.
 */
public final class GroundTruthLabeler {

    private final BlobStore store;
    private final ImageDecoder decoder;
    private final PassDetectors passes;
    private final float unionNmsIou;
    private InferenceCounts counts = new InferenceCounts();

    /** @param unionNmsIou IoU of the NMS that turns the plain union into a label set (the pass-1 NMS IoU) */
    public GroundTruthLabeler(BlobStore store, ImageDecoder decoder, PassDetectors passes, float unionNmsIou) {
        this.store = requireNonNull(store, "store");
        this.decoder = requireNonNull(decoder, "decoder");
        this.passes = requireNonNull(passes, "passes");
        this.unionNmsIou = unionNmsIou;
    }

    /**
     * Labels every image of {@code truth}; file names are resolved against {@code imagesBase} (folder or URI prefix).
     * Images are decoded one at a time and go through the passes as a run labels them (tiled as configured, views
     * batched across images), so large images cost one decoded image of memory.
     */
    public void label(CocoGroundTruth truth, String imagesBase, QualityEvaluation into) {
        PassRunner runner = new PassRunner(passes, (id, outcome) -> into.add(id, PassVariants.of(outcome, unionNmsIou)));
        for (CocoImage image : truth.images()) {
            runner.add(image.id(), read(image, resolve(imagesBase, image.fileName())));
        }
        runner.finish();
        counts = runner.counts();
    }

    /** What went through the models in the last {@link #label} call (views, tiles, model runs). */
    public InferenceCounts counts() {
        return counts;
    }

    private RgbImage read(CocoImage image, String uri) {
        RgbImage decoded;
        try {
            decoded = decoder.decode(store.readAll(uri), uri);
        } catch (LabelingException e) {
            throw new IllegalArgumentException("ground-truth image " + uri + " cannot be read (" + e.code() + "): "
                    + e.getMessage(), e);
        }
        // Original size: a DCT-scaled decode has fewer pixels but the ground truth's coordinates.
        if (decoded.originalWidth() != image.width() || decoded.originalHeight() != image.height()) {
            throw new IllegalArgumentException("ground-truth image " + uri + " is " + decoded.originalWidth() + "x" + decoded.originalHeight()
                    + " but the ground truth says " + image.width() + "x" + image.height());
        }
        return decoded;
    }

    /** A file name under a folder or URI prefix; absolute paths and URIs stand as they are. */
    static String resolve(String base, String fileName) {
        if (fileName.startsWith("/") || fileName.contains("://") || base.isEmpty()) {
            return fileName;
        }
        return (base.endsWith("/") ? base : base + "/") + fileName;
    }
}
