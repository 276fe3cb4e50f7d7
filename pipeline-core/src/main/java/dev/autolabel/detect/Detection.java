package dev.autolabel.detect;

import static java.util.Objects.requireNonNull;

/**
 * A raw model detection: a box, a class index with its name, and a score in [0, 1].
 * For open-vocabulary models {@code classId} is the prompt index and {@code label} the prompt's label.
 */
public record Detection(Box box, int classId, String label, float score) {

    public Detection {
        requireNonNull(box, "box");
        requireNonNull(label, "label");
        if (classId < 0) {
            throw new IllegalArgumentException("classId must be >= 0, got " + classId);
        }
        if (!(score >= 0f && score <= 1f)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
    }

    public Detection withBox(Box newBox) {
        return new Detection(newBox, classId, label, score);
    }
}
