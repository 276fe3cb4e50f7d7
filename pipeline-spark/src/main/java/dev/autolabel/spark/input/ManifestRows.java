package dev.autolabel.spark.input;

import dev.autolabel.manifest.MalformedRow;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.manifest.ManifestRow;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Manifest rows as Spark rows, the form in which they travel from the readers to the shard tasks: {@code idx} is
 * the row's place in the whole manifest (0-based, over all files in name order), which fixes its shard;
 * {@code line} its line (or record) number in its file; a malformed row has {@code error} (the reason) and
 * {@code position} (where, for people) and no id or URI; {@code fingerprint} is the image content's fingerprint
 * when a listing already knows it (incremental runs fill it in).
 */
public final class ManifestRows {

    public static final String IDX = "idx";
    public static final String LINE = "line";
    public static final String ID = "id";
    public static final String URI = "uri";
    public static final String EXTRA = "extra";
    public static final String ERROR = "error";
    public static final String POSITION = "position";
    public static final String FINGERPRINT = "fingerprint";

    public static final StructType SCHEMA = new StructType()
            .add(IDX, DataTypes.LongType, false)
            .add(LINE, DataTypes.LongType, false)
            .add(ID, DataTypes.StringType, true)
            .add(URI, DataTypes.StringType, true)
            .add(EXTRA, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false), false)
            .add(ERROR, DataTypes.StringType, true)
            .add(POSITION, DataTypes.StringType, true)
            .add(FINGERPRINT, DataTypes.StringType, true);

    private ManifestRows() {
    }

    /** The Spark row of a manifest row at place {@code idx}. */
    static Row toRow(long idx, ManifestRow row, Optional<String> fingerprint) {
        if (row instanceof ManifestEntry e) {
            return RowFactory.create(idx, e.lineNumber(), e.id(), e.uri(), CollectionConverters.asScala(e.extra()),
                    null, null, fingerprint.orElse(null));
        }
        MalformedRow bad = (MalformedRow) row;
        return RowFactory.create(idx, bad.lineNumber(), null, null, CollectionConverters.asScala(Map.<String, String>of()),
                bad.reason(), bad.position(), null);
    }

    /** The manifest row of a Spark row with (at least) the columns of {@link #SCHEMA}. */
    public static ManifestRow fromRow(Row row) {
        long line = row.getLong(row.fieldIndex(LINE));
        String error = row.getString(row.fieldIndex(ERROR));
        if (error != null) {
            return new MalformedRow(line, error, row.getString(row.fieldIndex(POSITION)));
        }
        return new ManifestEntry(row.getString(row.fieldIndex(ID)), row.getString(row.fieldIndex(URI)), line,
                row.getJavaMap(row.fieldIndex(EXTRA)));
    }
}
