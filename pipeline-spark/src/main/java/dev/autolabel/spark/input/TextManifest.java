package dev.autolabel.spark.input;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_millis;

import dev.autolabel.manifest.MalformedRow;
import dev.autolabel.manifest.ManifestFields;
import dev.autolabel.manifest.ManifestFormat;
import dev.autolabel.manifest.ManifestLines;
import dev.autolabel.manifest.ManifestRow;
import java.util.Iterator;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * JSONL and URI-list manifests through Spark's text reader: files are split into byte ranges (gzip files are read
 * whole), each line a record; blank lines (and {@code #} comments of URI lists) are no rows, but count as lines, so
 * line numbers are the physical lines of the file, as in the single-file reader.
 */
final class TextManifest extends RawManifest {

    private static final long serialVersionUID = 1L;
    private static final char BOM = '\uFEFF';

    private final String location;
    private final ManifestFormat format;
    private transient ManifestLines lines;

    TextManifest(String location, ManifestFormat format, ManifestFields fields, boolean singleFile) {
        super(fields, singleFile);
        this.location = requireNonNull(location, "location");
        this.format = requireNonNull(format, "format");
    }

    @Override
    public Dataset<Row> read(SparkSession spark) {
        return spark.read().text(location).select(col("value"), col("_metadata.file_path").as(FILE),
                col("_metadata.file_block_start").as(START), col("_metadata.file_size").as(SIZE),
                unix_millis(col("_metadata.file_modification_time")).as(MODIFIED));
    }

    @Override
    public Iterator<SplitCount> count(Iterator<Row> records) {
        return SplitCursor.countAll(records, (r, at) -> lines().isRow(text(r, at)));
    }

    @Override
    public Iterator<Row> index(Iterator<Row> records, SplitPlan plan, RowFilter filter) {
        SplitCursor cursor = new SplitCursor();
        return new Lazy<>() {
            private SplitPlan.Base base;

            @Override
            Row advance() {
                while (records.hasNext()) {
                    Row record = records.next();
                    if (cursor.isNewSplit(record)) {
                        cursor.moveTo(record);
                        base = cursor.base(plan);
                    }
                    long lineNumber = base.line() + 1 + cursor.nextRecord();
                    String text = text(record, cursor);
                    if (!lines().isRow(text)) {
                        continue;
                    }
                    long idx = base.row() + cursor.nextRow();
                    if (filter.keep(idx)) {
                        return ManifestRows.toRow(idx, parse(text, lineNumber, base.fileName()), Optional.empty());
                    }
                }
                return null;
            }
        };
    }

    private ManifestRow parse(String text, long lineNumber, String fileName) {
        ManifestRow row = lines().parse(text, lineNumber).orElseThrow(
                () -> new IllegalStateException("line " + lineNumber + " counted as a row but parsed as none"));
        return row instanceof MalformedRow bad
                ? new MalformedRow(lineNumber, bad.reason(), position(fileName, "line", lineNumber)) : row;
    }

    private ManifestLines lines() {
        if (lines == null) {
            lines = ManifestLines.of(format, fields());
        }
        return lines;
    }

    /** The record's line; the first line of a file without its byte-order mark (as the single-file reader). */
    private static String text(Row record, SplitCursor at) {
        String line = record.getString(0);
        return at.atFileStart() && !line.isEmpty() && line.charAt(0) == BOM ? line.substring(1) : line;
    }
}
