package dev.autolabel.config;

import static java.util.Objects.requireNonNull;

import dev.autolabel.merge.PrecisionParams;
import dev.autolabel.model.ModelSpec;

/** Pass 1: the model and its filtering parameters. */
public record PrecisionSettings(ModelSpec model, PrecisionParams params) {

    public PrecisionSettings {
        requireNonNull(model, "model");
        requireNonNull(params, "params");
    }
}
