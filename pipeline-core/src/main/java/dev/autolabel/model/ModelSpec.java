package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One configured model: where it is (local path or URI), its export format, an optional pinned SHA-256, input
 * preparation, class names (closed-set; empty = from model metadata) and optional input/output names
 * (empty = the model's first input and first output(s)).
 */
public record ModelSpec(
        String location,
        ModelFormat format,
        Optional<String> pinnedSha256,
        InputSettings input,
        List<String> classNames,
        Optional<String> imageInput,
        Optional<String> output) {

    public ModelSpec {
        requireNonNull(location, "location");
        requireNonNull(format, "format");
        requireNonNull(pinnedSha256, "pinnedSha256");
        requireNonNull(input, "input");
        classNames = List.copyOf(requireNonNull(classNames, "classNames"));
        requireNonNull(imageInput, "imageInput");
        requireNonNull(output, "output");
        if (location.isBlank()) {
            throw new IllegalArgumentException("model location must not be blank");
        }
        pinnedSha256.ifPresent(h -> {
            if (!h.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("pinned sha256 must be 64 hex digits, got '" + h + "'");
            }
        });
    }
}
