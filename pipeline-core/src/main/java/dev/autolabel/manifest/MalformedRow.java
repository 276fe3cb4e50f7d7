package dev.autolabel.manifest;

import static java.util.Objects.requireNonNull;

/** A manifest line that could not be parsed; it keeps its place as a FAILED row (MALFORMED_MANIFEST_ROW). */
public record MalformedRow(long lineNumber, String reason) implements ManifestRow {

    public MalformedRow {
        requireNonNull(reason, "reason");
    }

    /** The id its FAILED row gets: stable across re-runs of the same manifest. */
    public String syntheticId() {
        return "malformed-line-" + lineNumber;
    }
}
