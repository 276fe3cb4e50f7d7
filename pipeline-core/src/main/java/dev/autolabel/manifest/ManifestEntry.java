package dev.autolabel.manifest;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A readable manifest line: image id, image URI and the line's other fields, passed through to the output. */
public record ManifestEntry(String id, String uri, long lineNumber, Map<String, String> extra) implements ManifestRow {

    public ManifestEntry {
        requireNonNull(id, "id");
        requireNonNull(uri, "uri");
        extra = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(extra, "extra")));
        if (id.isBlank() || uri.isBlank()) {
            throw new IllegalArgumentException("manifest line " + lineNumber + ": id and uri must not be blank");
        }
    }
}
