package dev.autolabel.quality;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;

/** One detection under evaluation: image, category, box and score. */
public record ScoredBox(long imageId, int categoryId, Box box, float score) {

    public ScoredBox {
        requireNonNull(box, "box");
        if (!(score >= 0f && score <= 1f)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
    }
}
