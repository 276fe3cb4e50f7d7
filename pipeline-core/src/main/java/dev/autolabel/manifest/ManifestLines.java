package dev.autolabel.manifest;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The rows of a line-based manifest (JSONL, URI list) one line at a time, for readers that split the text
 * themselves (Spark's text reader on the executors). Same rules as {@link ManifestReader}: a blank line (and in a
 * URI list a {@code #} comment) is no row, every other line is exactly one row, malformed or not.
 */
public final class ManifestLines {

    private final LineParser parser;

    private ManifestLines(LineParser parser) {
        this.parser = parser;
    }

    /** The line rules of a line-based format; an IllegalArgumentException for CSV and columnar formats. */
    public static ManifestLines of(ManifestFormat format, ManifestFields fields) {
        requireNonNull(fields, "fields");
        return switch (requireNonNull(format, "format")) {
            case JSONL -> new ManifestLines(new JsonlLineParser(fields));
            case URIS -> new ManifestLines(new UriLineParser());
            default -> throw new IllegalArgumentException(format.configName() + " manifests are not line-based");
        };
    }

    /** Whether the line is a row (cheap: does not parse it); {@link #parse} returns a row exactly for these. */
    public boolean isRow(String line) {
        return parser.isRow(line);
    }

    /** The line's row, or empty for a line that is no row; {@code lineNumber} is 1-based. */
    public Optional<ManifestRow> parse(String line, long lineNumber) {
        return parser.parse(line, lineNumber);
    }
}
