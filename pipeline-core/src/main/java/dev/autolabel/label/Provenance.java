package dev.autolabel.label;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * Run-level provenance stamped on every output row: the run, the SHA-256 of each model by pass
 * ({@code precision}, {@code open-vocab}), the hash of the effective config and the output schema version.
 */
public record Provenance(String runId, Map<String, String> modelHashes, String configHash, int schemaVersion) {

    public Provenance {
        requireNonNull(runId, "runId");
        requireNonNull(configHash, "configHash");
        if (runId.isBlank()) {
            throw new IllegalArgumentException("runId must not be blank");
        }
        modelHashes = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(modelHashes, "modelHashes")));
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1");
        }
    }
}
