package dev.autolabel.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** Where the manifest is and how to read it; the format name is one of jsonl, csv, uris, auto. */
public record ManifestSettings(Optional<String> uri, String format, String uriField, String idField) {

    public ManifestSettings {
        requireNonNull(uri, "uri");
        requireNonNull(format, "format");
        requireNonNull(uriField, "uriField");
        requireNonNull(idField, "idField");
    }
}
