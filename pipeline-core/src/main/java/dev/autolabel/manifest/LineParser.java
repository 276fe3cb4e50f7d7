package dev.autolabel.manifest;

import java.util.Optional;

/** Turns one text line of a line-oriented manifest into a row; empty for lines that are not rows (blank, comment). */
interface LineParser {

    /** Whether the line is a row (cheap: does not parse it); {@link #parse} returns a row exactly for these. */
    default boolean isRow(String line) {
        return !line.isBlank();
    }

    Optional<ManifestRow> parse(String line, long lineNumber);
}
