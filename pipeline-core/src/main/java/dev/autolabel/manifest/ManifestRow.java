package dev.autolabel.manifest;

/**
 * One line of a manifest as read: a usable {@link ManifestEntry} or a {@link MalformedRow} that will become
 * a FAILED output row. Readers never drop a line silently.
 */
public sealed interface ManifestRow extends java.io.Serializable permits ManifestEntry, MalformedRow {

    /** 1-based line (JSONL, URI list) or record (CSV, header excluded: first data row is line 2) number. */
    long lineNumber();
}
