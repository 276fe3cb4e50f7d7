package dev.autolabel.config;

import static java.util.Objects.requireNonNull;

import dev.autolabel.merge.OpenVocabParams;
import dev.autolabel.model.ModelSpec;
import dev.autolabel.model.OpenVocabSpec;
import dev.autolabel.model.Prompt;
import java.util.List;

/** Pass 2 when enabled: the model, how to talk to it, the vocabulary and its filtering parameters. */
public record OpenVocabSettings(ModelSpec model, OpenVocabSpec io, String embeddingsFile, List<Prompt> prompts,
        OpenVocabParams params) {

    public OpenVocabSettings {
        requireNonNull(model, "model");
        requireNonNull(io, "io");
        requireNonNull(embeddingsFile, "embeddingsFile");
        prompts = List.copyOf(requireNonNull(prompts, "prompts"));
        requireNonNull(params, "params");
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("open-vocab.prompts must list at least one prompt when open-vocab is enabled");
        }
    }
}
