package dev.autolabel.manifest;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Streams the rows of one manifest in file order, one line (CSV: one record) at a time; the manifest is never
 * held in memory. Every non-blank line yields exactly one row: a {@link ManifestEntry}, or a {@link MalformedRow}
 * saying what is wrong with it, and reading goes on after a malformed line.
 *
 * <p>Duplicate ids are kept as they are: every manifest row yields one output row, and duplicates are the
 * user's data. The reader does not count them either, since that would need memory growing with the manifest.
 *
 * <p>URIs and ids are stripped of surrounding whitespace; a blank id (or none) means the id is the URI.
 * Text is UTF-8 (a leading byte-order mark is skipped; invalid bytes decode to U+FFFD).
 * A failure of the underlying stream, or CSV syntax the parser cannot get past (an unterminated quote),
 * is an {@link UncheckedIOException} naming the manifest: the read cannot go on, so the run must stop.
 * Not thread-safe.
 */
public abstract sealed class ManifestReader implements Iterator<ManifestRow>, AutoCloseable
        permits LineManifestReader, CsvManifestReader {

    private final BufferedReader text;
    private final String sourceName;
    private Optional<ManifestRow> next = Optional.empty();
    private boolean exhausted;

    ManifestReader(BufferedReader text, String sourceName) {
        this.text = requireNonNull(text, "text");
        this.sourceName = requireNonNull(sourceName, "sourceName");
    }

    /**
     * A reader over {@code in}, which it owns: {@link #close()} closes it, and so does a failure here.
     * A CSV header without the URI column is an IllegalArgumentException naming the column and those found.
     *
     * @param sourceName how messages name the manifest (its URI)
     */
    public static ManifestReader open(InputStream in, String sourceName, ManifestFormat format, ManifestFields fields)
            throws IOException {
        requireNonNull(in, "in");
        requireNonNull(format, "format");
        requireNonNull(fields, "fields");
        try {
            BufferedReader text = Utf8Text.reader(in);
            return switch (format) {
                case JSONL -> new LineManifestReader(text, sourceName, new JsonlLineParser(fields));
                case URIS -> new LineManifestReader(text, sourceName, new UriLineParser());
                case CSV -> new CsvManifestReader(text, sourceName, fields);
                case PARQUET, ORC, LISTING -> throw new IllegalArgumentException("manifest " + sourceName + " is "
                        + describe(format) + ": Spark reads it when the run starts; it is never read as text lines");
            };
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(in, e);
            throw e;
        }
    }

    private static String describe(ManifestFormat format) {
        return switch (format) {
            case PARQUET -> "a Parquet manifest";
            case ORC -> "an ORC manifest";
            default -> "a listing of image objects";
        };
    }

    @Override
    public final boolean hasNext() {
        if (next.isEmpty() && !exhausted) {
            next = readNext();
            exhausted = next.isEmpty();
        }
        return next.isPresent();
    }

    @Override
    public final ManifestRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException("manifest " + sourceName + " has no more rows");
        }
        ManifestRow row = next.get();
        next = Optional.empty();
        return row;
    }

    /** Closes the underlying stream. */
    @Override
    public void close() {
        try {
            text.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing manifest " + sourceName + ": " + e.getMessage(), e);
        }
    }

    /** The next row, or empty at the end of the manifest; skips blank and comment lines. */
    abstract Optional<ManifestRow> readNext();

    final UncheckedIOException readFailure(long lastLine, IOException cause) {
        return new UncheckedIOException("reading manifest " + sourceName + " failed after line " + lastLine + ": "
                + cause.getMessage(), cause);
    }

    final BufferedReader text() {
        return text;
    }

    private static void closeAfterFailure(InputStream in, Exception failure) {
        try {
            in.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
