package dev.autolabel.model;

/** Turns a prompt into the token ids a text encoder takes, special tokens included. */
public interface PromptTokenizer {

    long[] tokenIds(String text);
}
