package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Everything a pass's decoder may need beside the session and the model's config: the Hugging Face config.json
 * (class names, model type), the open-vocabulary prompts with the model's tokenizer or the run's text embeddings, and
 * how the generic embeddings family reads its outputs. Decoders take what their family needs and say what is missing.
 */
public record PassModel(Pass pass, Optional<HfConfig> hfConfig, List<Prompt> prompts, Optional<PromptTokenizer> tokenizer,
        Optional<TextEmbeddings> embeddings, OpenVocabSpec io) {

    public PassModel {
        requireNonNull(pass, "pass");
        requireNonNull(hfConfig, "hfConfig");
        prompts = List.copyOf(requireNonNull(prompts, "prompts"));
        requireNonNull(tokenizer, "tokenizer");
        requireNonNull(embeddings, "embeddings");
        requireNonNull(io, "io");
    }

    /** A precision pass with nothing beside the model. */
    public static PassModel precision(Optional<HfConfig> hfConfig) {
        return new PassModel(Pass.PRECISION, hfConfig, List.of(), Optional.empty(), Optional.empty(), OpenVocabSpec.defaults());
    }
}
