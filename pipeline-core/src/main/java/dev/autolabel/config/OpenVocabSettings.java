package dev.autolabel.config;

import static java.util.Objects.requireNonNull;

import dev.autolabel.merge.OpenVocabParams;
import dev.autolabel.model.ModelSpec;
import dev.autolabel.model.OpenVocabSpec;
import dev.autolabel.model.Prompt;
import dev.autolabel.model.TextEncoderSpec;
import java.util.List;
import java.util.Optional;

/**
 * Pass 2 when enabled: the model, how to talk to it, the vocabulary and its filtering parameters. Models fed text
 * embeddings get them from one source: a precomputed {@code embeddingsFile} or a {@code textEncoder}; models that
 * take tokens (OWL-ViT/OWLv2 single-model exports, Grounding DINO) or have their classes baked in need neither.
 */
public record OpenVocabSettings(ModelSpec model, OpenVocabSpec io, Optional<String> embeddingsFile,
        Optional<TextEncoderSpec> textEncoder, List<Prompt> prompts, OpenVocabParams params) {

    public OpenVocabSettings {
        requireNonNull(model, "model");
        requireNonNull(io, "io");
        requireNonNull(embeddingsFile, "embeddingsFile");
        requireNonNull(textEncoder, "textEncoder");
        prompts = List.copyOf(requireNonNull(prompts, "prompts"));
        requireNonNull(params, "params");
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("open-vocab.prompts must list at least one prompt when open-vocab is enabled");
        }
        if (embeddingsFile.isPresent() && textEncoder.isPresent()) {
            throw new IllegalArgumentException("open-vocab takes at most one of embeddings-file and text-encoder.model");
        }
    }

    /** Settings whose embeddings are read from a precomputed file. */
    public OpenVocabSettings(ModelSpec model, OpenVocabSpec io, String embeddingsFile, List<Prompt> prompts,
            OpenVocabParams params) {
        this(model, io, Optional.of(embeddingsFile), Optional.empty(), prompts, params);
    }

    /** Whether text embeddings are configured (a file or a text encoder). */
    public boolean hasEmbeddings() {
        return embeddingsFile.isPresent() || textEncoder.isPresent();
    }

    /** Where the embeddings come from, for messages: the file, or the encoder model and tokenizer. */
    public String embeddingsSource() {
        return embeddingsFile.orElseGet(() -> textEncoder.map(t -> "text encoder " + t.model() + " with tokenizer "
                + t.tokenizer()).orElse("(none configured)"));
    }
}
