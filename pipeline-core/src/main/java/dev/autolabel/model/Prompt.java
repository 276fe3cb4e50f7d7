package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One text query of the open-vocabulary pass and the {@code label} its detections are given (several prompts may
 * share a label: synonyms, finer names). Usually one text; an ensemble of several phrasings is one query whose text
 * embedding is the mean of the phrasings' unit embeddings (see {@link TextEmbeddings#ensembleMean}), as CLIP-style
 * prompt ensembles are built.
 */
public record Prompt(String label, List<String> texts) {

    /** Separates the phrasings of an ensemble in {@link #text()}. */
    public static final String ENSEMBLE_SEPARATOR = " + ";

    public Prompt {
        requireNonNull(label, "label");
        texts = List.copyOf(requireNonNull(texts, "texts"));
        if (label.isBlank() || texts.isEmpty() || texts.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("prompt label and texts must not be blank");
        }
    }

    /** A prompt of one text. */
    public Prompt(String label, String text) {
        this(label, List.of(requireNonNull(text, "text")));
    }

    /** The query as people read it: the text, or an ensemble's phrasings joined by " + " (recorded on labels). */
    public String text() {
        return String.join(ENSEMBLE_SEPARATOR, texts);
    }

    public boolean isEnsemble() {
        return texts.size() > 1;
    }
}
