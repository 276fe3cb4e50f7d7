package dev.autolabel.manifest;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Optional;

/** Reads a line-oriented manifest (JSONL, URI list): line numbers are 1-based physical lines. */
final class LineManifestReader extends ManifestReader {

    private final LineParser parser;
    private long lineNumber;

    LineManifestReader(BufferedReader text, String sourceName, LineParser parser) {
        super(text, sourceName);
        this.parser = requireNonNull(parser, "parser");
    }

    @Override
    Optional<ManifestRow> readNext() {
        try {
            for (String line = text().readLine(); line != null; line = text().readLine()) {
                lineNumber++;
                Optional<ManifestRow> row = parser.parse(line, lineNumber);
                if (row.isPresent()) {
                    return row;
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw readFailure(lineNumber, e);
        }
    }
}
