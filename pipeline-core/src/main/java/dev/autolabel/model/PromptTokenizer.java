package dev.autolabel.model;

/** Turns a prompt into the token ids a text encoder takes, special tokens included. */
public interface PromptTokenizer {

    long[] tokenIds(String text);

    /** Ids and token strings; tokenizers that cannot name their tokens give ids only. */
    default TokenizedText tokenize(String text) {
        long[] ids = tokenIds(text);
        String[] none = new String[ids.length];
        java.util.Arrays.fill(none, "");
        return new TokenizedText(ids, java.util.List.of(none));
    }
}
