package dev.autolabel.manifest;

/**
 * One line of a manifest as read: a usable {@link ManifestEntry} or a {@link MalformedRow} that will become
 * a FAILED output row. Readers never drop a line silently.
 */
public sealed interface ManifestRow extends java.io.Serializable permits ManifestEntry, MalformedRow {

    /** 1-based physical line; for CSV the line the record starts on (the header is line 1, so data starts at 2). */
    long lineNumber();
}
