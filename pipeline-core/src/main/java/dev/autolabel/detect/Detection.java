package dev.autolabel.detect;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A raw model detection: a box, a class index with its name, and a score in [0, 1].
 * For open-vocabulary models {@code classId} is the prompt index and {@code label} the prompt's label.
 * {@code tile} is the tile the model saw when it made the detection (tiled inference); empty: the whole image.
 */
public record Detection(Box box, int classId, String label, float score, Optional<Tile> tile) {

    /** A detection made on the whole image. */
    public Detection(Box box, int classId, String label, float score) {
        this(box, classId, label, score, Optional.empty());
    }

    public Detection {
        requireNonNull(box, "box");
        requireNonNull(label, "label");
        requireNonNull(tile, "tile");
        if (classId < 0) {
            throw new IllegalArgumentException("classId must be >= 0, got " + classId);
        }
        if (!(score >= 0f && score <= 1f)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
    }

    public Detection withBox(Box newBox) {
        return new Detection(newBox, classId, label, score, tile);
    }

    /** This detection, made on {@code seenOn}, with its box moved from the tile's pixels into the image's. */
    public Detection onTile(Tile seenOn) {
        return new Detection(seenOn.toImage(box), classId, label, score, Optional.of(seenOn));
    }
}
