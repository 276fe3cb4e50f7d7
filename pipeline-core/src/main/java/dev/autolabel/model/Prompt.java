package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

/**
 * One text query of the open-vocabulary pass: the {@code text} the model is conditioned on, and the
 * {@code label} that detections for it are given (several prompts may share a label: synonyms, finer names).
 */
public record Prompt(String label, String text) {

    public Prompt {
        requireNonNull(label, "label");
        requireNonNull(text, "text");
        if (label.isBlank() || text.isBlank()) {
            throw new IllegalArgumentException("prompt label and text must not be blank");
        }
    }
}
