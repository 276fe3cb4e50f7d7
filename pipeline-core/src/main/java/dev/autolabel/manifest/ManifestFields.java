package dev.autolabel.manifest;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.ManifestSettings;

/**
 * Names of the field (JSONL) or column (CSV) holding the image URI and the image id. They may be equal:
 * then every id is the URI.
 */
public record ManifestFields(String uriField, String idField) implements java.io.Serializable {

    /** The defaults of reference.conf. */
    public static final ManifestFields DEFAULT = new ManifestFields("uri", "id");

    public ManifestFields {
        requireNonNull(uriField, "uriField");
        requireNonNull(idField, "idField");
        if (uriField.isBlank() || idField.isBlank()) {
            throw new IllegalArgumentException("manifest uri and id field names must not be blank");
        }
    }

    public static ManifestFields of(ManifestSettings settings) {
        return new ManifestFields(settings.uriField(), settings.idField());
    }
}
