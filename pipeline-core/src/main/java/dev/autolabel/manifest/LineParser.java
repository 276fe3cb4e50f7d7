package dev.autolabel.manifest;

import java.util.Optional;

/** Turns one text line of a line-oriented manifest into a row; empty for lines that are not rows (blank, comment). */
interface LineParser {

    Optional<ManifestRow> parse(String line, long lineNumber);
}
