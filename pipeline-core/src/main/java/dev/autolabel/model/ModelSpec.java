package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One configured model: where it is (local path or URI), its export format ({@code auto}: recognised from the
 * graph), an optional pinned SHA-256, input preparation, class names (closed-set; empty = from model metadata or
 * config.json), optional input/output names (empty = found by the decoder) and an optional Hugging Face
 * {@code config.json} location (empty = the one next to the model, if there is one).
 */
public record ModelSpec(
        String location,
        ModelFormat format,
        Optional<String> pinnedSha256,
        InputSettings input,
        List<String> classNames,
        Optional<String> imageInput,
        Optional<String> output,
        Optional<String> hfConfig) {

    public ModelSpec {
        requireNonNull(location, "location");
        requireNonNull(format, "format");
        requireNonNull(pinnedSha256, "pinnedSha256");
        requireNonNull(input, "input");
        classNames = List.copyOf(requireNonNull(classNames, "classNames"));
        requireNonNull(imageInput, "imageInput");
        requireNonNull(output, "output");
        requireNonNull(hfConfig, "hfConfig");
        if (location.isBlank()) {
            throw new IllegalArgumentException("model location must not be blank");
        }
        pinnedSha256.ifPresent(h -> {
            if (!h.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("pinned sha256 must be 64 hex digits, got '" + h + "'");
            }
        });
    }

    /** A model without a Hugging Face config.json. */
    public ModelSpec(String location, ModelFormat format, Optional<String> pinnedSha256, InputSettings input,
            List<String> classNames, Optional<String> imageInput, Optional<String> output) {
        this(location, format, pinnedSha256, input, classNames, imageInput, output, Optional.empty());
    }
}
