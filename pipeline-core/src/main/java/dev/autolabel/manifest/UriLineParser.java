package dev.autolabel.manifest;

import java.util.Map;
import java.util.Optional;

/** A plain URI list: one URI per line, which is also the id; blank lines and {@code #} comment lines are skipped. */
final class UriLineParser implements LineParser {

    @Override
    public boolean isRow(String line) {
        String text = line.strip();
        return !text.isEmpty() && !text.startsWith("#");
    }

    @Override
    public Optional<ManifestRow> parse(String line, long lineNumber) {
        if (!isRow(line)) {
            return Optional.empty();
        }
        String uri = line.strip();
        // A control character means this is not a URI list (binary data, a gzip file without .gz, a TSV).
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of(new MalformedRow(lineNumber,
                        String.format("contains control character U+%04X; expected one URI per line", (int) c)));
            }
        }
        return Optional.of(new ManifestEntry(uri, uri, lineNumber, Map.of()));
    }
}
