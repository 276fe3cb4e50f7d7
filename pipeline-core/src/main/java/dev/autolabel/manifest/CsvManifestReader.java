package dev.autolabel.manifest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV manifest (RFC 4180: comma, double quotes) whose first non-blank line is the header. A row's line
 * number is the physical line its record starts on (the header is line 1 when it opens the file).
 */
final class CsvManifestReader extends ManifestReader {

    // Empty lines are kept as records so that line numbers stay physical; this class skips them itself.
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Optional<CsvHeader> header;

    /** Reads the header now, so that a missing URI column fails at open. An empty file has no header and no rows. */
    CsvManifestReader(BufferedReader text, String sourceName, ManifestFields fields) throws IOException {
        super(text, sourceName);
        this.parser = CSVParser.builder().setReader(text).setFormat(FORMAT).get();
        this.records = parser.iterator();
        try {
            this.header = nextRecord().map(r -> CsvHeader.of(r.record().toList(), fields));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("manifest " + sourceName + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IOException("manifest " + sourceName + ": cannot read the CSV header: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    @Override
    Optional<ManifestRow> readNext() {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            return nextRecord().map(this::toRow);
        } catch (UncheckedIOException e) {
            throw readFailure(parser.getCurrentLineNumber(), e.getCause());
        }
    }

    private ManifestRow toRow(LineRecord next) {
        try {
            return header.get().toEntry(next.record(), next.lineNumber());
        } catch (MalformedLine e) {
            return e.toRow(next.lineNumber());
        }
    }

    /** A record and the physical line it starts on. */
    private record LineRecord(CSVRecord record, long lineNumber) {
    }

    /** The next record that is not a blank (empty or whitespace-only) line. */
    private Optional<LineRecord> nextRecord() {
        while (true) {
            // The parser has consumed whole lines up to here, so the next record starts on the following line.
            long lineNumber = parser.getCurrentLineNumber() + 1;
            if (!records.hasNext()) {
                return Optional.empty();
            }
            CSVRecord record = records.next();
            if (record.size() > 1 || !record.get(0).isBlank()) {
                return Optional.of(new LineRecord(record, lineNumber));
            }
        }
    }
}
