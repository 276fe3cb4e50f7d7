package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A text-encoder ONNX model and its tokenizer, which turn the run's prompts into embeddings once on the driver.
 * {@code attentionMask} empty: the model takes token ids only. {@code output} empty: the model's first output.
 * {@code maxLength} caps tokens per prompt (special tokens included); {@code padId} fills sequences up to a fixed
 * length the model may declare.
 */
public record TextEncoderSpec(
        String model,
        Optional<String> pinnedSha256,
        String tokenizer,
        String inputIds,
        Optional<String> attentionMask,
        Optional<String> output,
        Pooling pooling,
        boolean normalize,
        int maxLength,
        long padId) {

    public TextEncoderSpec {
        requireNonNull(model, "model");
        requireNonNull(pinnedSha256, "pinnedSha256");
        requireNonNull(tokenizer, "tokenizer");
        requireNonNull(inputIds, "inputIds");
        requireNonNull(attentionMask, "attentionMask");
        requireNonNull(output, "output");
        requireNonNull(pooling, "pooling");
        if (model.isBlank() || tokenizer.isBlank() || inputIds.isBlank()) {
            throw new IllegalArgumentException("text encoder model, tokenizer and input-ids must not be blank");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("text encoder max-length must be >= 1, got " + maxLength);
        }
        if (padId < 0) {
            throw new IllegalArgumentException("text encoder pad-id must be >= 0, got " + padId);
        }
    }
}
