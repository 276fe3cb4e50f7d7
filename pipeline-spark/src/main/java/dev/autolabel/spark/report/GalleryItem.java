package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledImage;

/** An image chosen for the report's gallery, why it was chosen, and a one-line reason for people. */
public record GalleryItem(Kind kind, LabeledImage image, String reason) {

    /** Why an image is in the gallery: these are the images most worth a human look. */
    public enum Kind {
        LOWEST_CONFIDENCE("Lowest-confidence labels"),
        DISAGREEMENT("Pass disagreements"),
        NO_LABELS("Images with no labels");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public GalleryItem {
        requireNonNull(kind, "kind");
        requireNonNull(image, "image");
        requireNonNull(reason, "reason");
    }
}
