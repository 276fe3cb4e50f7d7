package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.spark.output.RowPlace;
import java.util.Comparator;

/**
 * An image that may go into the gallery as {@code kind}: smaller keys are more interesting (lowest score, most
 * disagreements). Ties go by image id, then by place in the run, so the choice is a total order: the same images
 * are picked whether a run is read in one pass or merged from per-shard partials.
 */
record GalleryCandidate(GalleryItem.Kind kind, double key, RowPlace place, LabeledImage image) {

    static final Comparator<GalleryCandidate> ORDER = Comparator.comparingDouble(GalleryCandidate::key)
            .thenComparing(c -> c.image().imageId())
            .thenComparing(GalleryCandidate::place);

    GalleryCandidate {
        requireNonNull(kind, "kind");
        requireNonNull(place, "place");
        requireNonNull(image, "image");
        if (Double.isNaN(key)) {
            throw new IllegalArgumentException("a gallery key must be a number");
        }
    }
}
