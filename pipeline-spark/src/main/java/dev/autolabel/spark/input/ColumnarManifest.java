package dev.autolabel.spark.input;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.base64;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.unix_millis;

import dev.autolabel.manifest.MalformedRow;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.manifest.ManifestFields;
import dev.autolabel.manifest.ManifestFormat;
import dev.autolabel.manifest.ManifestRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet and ORC manifests (files, folders, Hive-style {@code key=value/} folders, globs, S3 prefixes) through
 * Spark's readers: each record is a row. The URI column must be text; the id column, when there is one, any scalar;
 * every other column (partition columns included) is passed through as text: scalars as Spark prints them, nested
 * values as JSON, binary as base64. A record without a URI is a malformed row, numbered by its row in its file.
 * {@code fingerprintColumn}, when set, holds the image content's fingerprint (a saved listing).
 */
final class ColumnarManifest extends RawManifest {

    private static final long serialVersionUID = 1L;
    private static final String URI = "_uri";
    private static final String ID = "_id";
    private static final String FINGERPRINT = "_fingerprint";
    private static final String EXTRA_PREFIX = "_x";

    private final String location;
    private final ManifestFormat format;
    private final String fingerprintColumn; // null: none (Optional is not serializable)
    private final List<String> extraNames = new ArrayList<>();

    ColumnarManifest(String location, ManifestFormat format, ManifestFields fields, boolean singleFile) {
        this(location, format, fields, singleFile, Optional.empty());
    }

    ColumnarManifest(String location, ManifestFormat format, ManifestFields fields, boolean singleFile,
            Optional<String> fingerprintColumn) {
        super(fields, singleFile);
        this.location = requireNonNull(location, "location");
        this.format = requireNonNull(format, "format");
        this.fingerprintColumn = requireNonNull(fingerprintColumn, "fingerprintColumn").orElse(null);
    }

    /** Reads the schema (from one file's footer) and checks the URI and id columns before any row is read. */
    @Override
    public Dataset<Row> read(SparkSession spark) {
        Dataset<Row> data;
        try {
            data = spark.read().format(format.configName()).load(location);
        } catch (Exception e) {
            throw new ManifestException("manifest " + location + " is not a readable " + format.configName()
                    + " dataset (" + StorageFailure.firstLine(e) + "): check the files", e);
        }
        StructType schema = data.schema();
        String uriField = fields().uriField();
        StructField uri = field(schema, uriField).orElseThrow(() -> new ManifestException("manifest " + location
                + " has no column '" + uriField + "' (manifest.uri-field); columns: " + List.of(schema.fieldNames())));
        if (!(uri.dataType() instanceof StringType)) {
            throw new ManifestException("manifest " + location + ": column '" + uriField + "' (manifest.uri-field) must be"
                    + " a string column, it is " + uri.dataType().simpleString());
        }
        Optional<StructField> id = field(schema, fields().idField()).filter(f -> !f.name().equals(uriField));
        if (id.isPresent() && isNested(id.get().dataType())) {
            throw new ManifestException("manifest " + location + ": column '" + id.get().name() + "' (manifest.id-field)"
                    + " must be a scalar, it is " + id.get().dataType().simpleString());
        }
        List<Column> columns = new ArrayList<>();
        columns.add(col(quoted(uriField)).as(URI));
        columns.add(id.map(f -> col(quoted(f.name())).cast("string")).orElse(lit(null).cast("string")).as(ID));
        columns.add((fingerprintColumn == null ? lit(null) : col(quoted(fingerprintColumn))).cast("string").as(FINGERPRINT));
        extraNames.clear();
        for (StructField f : schema.fields()) {
            boolean known = f.name().equals(uriField) || id.map(i -> i.name().equals(f.name())).orElse(false)
                    || f.name().equals(fingerprintColumn);
            if (!known) {
                columns.add(asText(f).as(EXTRA_PREFIX + extraNames.size()));
                extraNames.add(f.name());
            }
        }
        columns.add(col("_metadata.file_path").as(FILE));
        columns.add(col("_metadata.file_block_start").as(START));
        columns.add(col("_metadata.file_size").as(SIZE));
        columns.add(unix_millis(col("_metadata.file_modification_time")).as(MODIFIED));
        return data.select(columns.toArray(Column[]::new));
    }

    @Override
    public Iterator<SplitCount> count(Iterator<Row> records) {
        return SplitCursor.countAll(records, (r, at) -> true);
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
                    long rowNumber = base.line() + 1 + cursor.nextRecord();
                    long idx = base.row() + cursor.nextRow();
                    if (filter.keep(idx)) {
                        return ManifestRows.toRow(idx, toRow(record, rowNumber, base.fileName()),
                                Optional.ofNullable(record.getString(record.fieldIndex(FINGERPRINT))));
                    }
                }
                return null;
            }
        };
    }

    private ManifestRow toRow(Row record, long rowNumber, String fileName) {
        String uri = record.getString(record.fieldIndex(URI));
        if (uri == null || uri.isBlank()) {
            return new MalformedRow(rowNumber, "column '" + fields().uriField() + "' is " + (uri == null ? "null" : "blank"),
                    position(fileName, "row", rowNumber));
        }
        String id = record.getString(record.fieldIndex(ID));
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 0; i < extraNames.size(); i++) {
            String value = record.getString(record.fieldIndex(EXTRA_PREFIX + i));
            if (value != null) {
                extra.put(extraNames.get(i), value);
            }
        }
        String strippedUri = uri.strip();
        return new ManifestEntry(id == null || id.isBlank() ? strippedUri : id.strip(), strippedUri, rowNumber, extra);
    }

    private static Optional<StructField> field(StructType schema, String name) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static boolean isNested(DataType type) {
        return type instanceof StructType || type instanceof ArrayType || type instanceof MapType;
    }

    private static Column asText(StructField f) {
        Column c = col(quoted(f.name()));
        if (isNested(f.dataType())) {
            return to_json(c);
        }
        return f.dataType() instanceof BinaryType ? base64(c) : c.cast("string");
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
