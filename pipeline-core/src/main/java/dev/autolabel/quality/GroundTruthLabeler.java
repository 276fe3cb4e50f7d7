package dev.autolabel.quality;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageDecoder;
import dev.autolabel.image.RgbImage;
import dev.autolabel.label.LabelingException;
import dev.autolabel.labeling.PassDetectors;
import dev.autolabel.labeling.PassOutcome;
import dev.autolabel.storage.BlobStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs both passes over a ground truth's images, batch by batch, and adds each image's four label sets
 * ({@link PassVariants}) to a {@link QualityEvaluation}. An image that cannot be read or decoded, or whose size is
 * not the one the ground truth states, stops the evaluation: scores over part of the set would mislead.
 */
public final class GroundTruthLabeler {

    private final BlobStore store;
    private final ImageDecoder decoder;
    private final PassDetectors passes;
    private final float unionNmsIou;
    private final int batchSize;

    /** @param unionNmsIou IoU of the NMS that turns the plain union into a label set (the pass-1 NMS IoU) */
    public GroundTruthLabeler(BlobStore store, ImageDecoder decoder, PassDetectors passes, float unionNmsIou, int batchSize) {
        this.store = requireNonNull(store, "store");
        this.decoder = requireNonNull(decoder, "decoder");
        this.passes = requireNonNull(passes, "passes");
        this.unionNmsIou = unionNmsIou;
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** Labels every image of {@code truth}; file names are resolved against {@code imagesBase} (folder or URI prefix). */
    public void label(CocoGroundTruth truth, String imagesBase, QualityEvaluation into) {
        List<CocoImage> all = truth.images();
        for (int start = 0; start < all.size(); start += batchSize) {
            List<CocoImage> batch = all.subList(start, Math.min(all.size(), start + batchSize));
            List<RgbImage> decoded = new ArrayList<>(batch.size());
            for (CocoImage image : batch) {
                decoded.add(read(image, resolve(imagesBase, image.fileName())));
            }
            List<PassOutcome> outcomes = passes.run(decoded);
            for (int k = 0; k < batch.size(); k++) {
                into.add(batch.get(k).id(), PassVariants.of(outcomes.get(k), unionNmsIou));
            }
        }
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
