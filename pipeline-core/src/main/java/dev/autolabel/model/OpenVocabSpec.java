package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What an open-vocabulary model needs beyond {@link ModelSpec}: the text-embedding input name, the boxes and
 * logits output names (empty = found by shape), how boxes are encoded and whether logits still need a sigmoid.
 */
public record OpenVocabSpec(Optional<String> textInput, Optional<String> boxesOutput, Optional<String> logitsOutput,
        BoxFormat boxFormat, boolean logitsAreRaw, Optional<String> tokenizer) {

    public OpenVocabSpec {
        requireNonNull(textInput, "textInput");
        requireNonNull(boxesOutput, "boxesOutput");
        requireNonNull(logitsOutput, "logitsOutput");
        requireNonNull(boxFormat, "boxFormat");
        requireNonNull(tokenizer, "tokenizer");
    }

    /** Names found by shape, OWL-style boxes and raw logits, no tokenizer configured. */
    public OpenVocabSpec(Optional<String> textInput, Optional<String> boxesOutput, Optional<String> logitsOutput,
            BoxFormat boxFormat, boolean logitsAreRaw) {
        this(textInput, boxesOutput, logitsOutput, boxFormat, logitsAreRaw, Optional.empty());
    }

    public static OpenVocabSpec defaults() {
        return new OpenVocabSpec(Optional.empty(), Optional.empty(), Optional.empty(), BoxFormat.CXCYWH_NORMALIZED, true);
    }
}
