package dev.autolabel.manifest;

import static java.util.Objects.requireNonNull;

/**
 * A manifest line that could not be parsed; it keeps its place as a FAILED row (MALFORMED_MANIFEST_ROW).
 * {@code position} says where it is for people: {@code line 17}, or with the file of a manifest made of several
 * files, {@code part-00003.jsonl line 17} ({@code row} for CSV records of columnar files).
 */
public record MalformedRow(long lineNumber, String reason, String position) implements ManifestRow {

    /** A malformed line of a single-file manifest. */
    public MalformedRow(long lineNumber, String reason) {
        this(lineNumber, reason, "line " + lineNumber);
    }

    public MalformedRow {
        requireNonNull(reason, "reason");
        requireNonNull(position, "position");
    }

    /** The id its FAILED row gets: stable across re-runs of the same manifest. */
    public String syntheticId() {
        return "malformed-" + position.replace(' ', '-');
    }
}
