package dev.autolabel.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** Run identity and output location. An empty id means "let the launcher generate one". */
public record RunSettings(Optional<String> runId, String output) {

    public RunSettings {
        requireNonNull(runId, "runId");
        requireNonNull(output, "output");
        runId.ifPresent(id -> {
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
                throw new IllegalArgumentException("run id '" + id + "' may only use letters, digits, '.', '_' and '-'"
                        + " (it becomes a folder name)");
            }
        });
    }
}
