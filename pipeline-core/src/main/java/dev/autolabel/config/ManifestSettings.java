package dev.autolabel.config;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Where the manifest is and how to read it; the format name is one of jsonl, csv, uris, parquet, orc, listing,
 * auto. {@code listingSuffixes}: for the {@code listing} format (every object under an S3 prefix or in a folder is
 * an image), the name endings (any case) of the objects taken as images.
 */
public record ManifestSettings(Optional<String> uri, String format, String uriField, String idField,
        List<String> listingSuffixes) implements Serializable {

    /** The image name endings a listing takes by default. */
    public static final List<String> DEFAULT_LISTING_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif",
            ".tif", ".tiff", ".webp");

    /** Settings with the default listing suffixes. */
    public ManifestSettings(Optional<String> uri, String format, String uriField, String idField) {
        this(uri, format, uriField, idField, DEFAULT_LISTING_SUFFIXES);
    }

    public ManifestSettings {
        requireNonNull(uri, "uri");
        requireNonNull(format, "format");
        requireNonNull(uriField, "uriField");
        requireNonNull(idField, "idField");
        listingSuffixes = List.copyOf(requireNonNull(listingSuffixes, "listingSuffixes"));
    }
}
