package dev.autolabel.manifest;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/** A CSV manifest's header: where the URI and id columns are; turns data records into rows. */
record CsvHeader(List<String> columns, int uriIndex, OptionalInt idIndex) {

    CsvHeader {
        columns = List.copyOf(columns);
        requireNonNull(idIndex, "idIndex");
    }

    /**
     * Column names are stripped of surrounding whitespace; they must be non-blank and unique, and the URI column
     * must be there. A violation is a manifest-level IllegalArgumentException.
     */
    static CsvHeader of(List<String> names, ManifestFields fields) {
        List<String> columns = names.stream().map(String::strip).toList();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).isEmpty()) {
                throw new IllegalArgumentException("CSV header column " + (i + 1) + " has no name; columns found: "
                        + columns);
            }
            if (!seen.add(columns.get(i))) {
                throw new IllegalArgumentException("CSV header names column '" + columns.get(i) + "' twice");
            }
        }
        int uri = columns.indexOf(fields.uriField());
        if (uri < 0) {
            throw new IllegalArgumentException("CSV header has no '" + fields.uriField()
                    + "' column (autolabel.manifest.uri-field); columns found: " + columns);
        }
        int id = columns.indexOf(fields.idField());
        return new CsvHeader(columns, uri, id < 0 || id == uri ? OptionalInt.empty() : OptionalInt.of(id));
    }

    ManifestEntry toEntry(CSVRecord record, long lineNumber) throws MalformedLine {
        if (record.size() != columns.size()) {
            throw new MalformedLine("expected " + columns.size() + " columns " + columns + ", found " + record.size());
        }
        String uri = record.get(uriIndex).strip();
        if (uri.isEmpty()) {
            throw new MalformedLine("column '" + columns.get(uriIndex) + "' is empty");
        }
        String id = idIndex.isPresent() ? record.get(idIndex.getAsInt()).strip() : "";
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (i != uriIndex && (idIndex.isEmpty() || i != idIndex.getAsInt())) {
                extra.put(columns.get(i), record.get(i));
            }
        }
        return new ManifestEntry(id.isEmpty() ? uri : id, uri, lineNumber, extra);
    }
}
