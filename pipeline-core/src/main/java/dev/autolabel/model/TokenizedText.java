package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A text as a tokenizer splits it: token ids and token strings (special tokens included), same length. */
public record TokenizedText(long[] ids, List<String> tokens) {

    public TokenizedText {
        requireNonNull(ids, "ids");
        tokens = List.copyOf(requireNonNull(tokens, "tokens"));
        if (ids.length != tokens.size()) {
            throw new IllegalArgumentException(ids.length + " ids but " + tokens.size() + " tokens");
        }
        ids = ids.clone();
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    public int length() {
        return ids.length;
    }
}
