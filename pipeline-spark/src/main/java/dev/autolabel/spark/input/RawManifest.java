package dev.autolabel.spark.input;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.ManifestSettings;
import dev.autolabel.manifest.ManifestFields;
import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A manifest as one of Spark's readers sees it: records (text lines, files, or columnar rows) tagged with their
 * split. The driver builds the reader ({@link #read}); the executors count each split's rows ({@link #count}) and
 * later turn records into manifest rows with their index in the whole manifest ({@link #index}).
 */
public abstract class RawManifest implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String FILE = "_file";
    static final String START = "_start";
    static final String SIZE = "_size";
    static final String MODIFIED = "_modified";

    private final ManifestFields fields;
    private final boolean singleFile;

    RawManifest(ManifestFields fields, boolean singleFile) {
        this.fields = requireNonNull(fields, "fields");
        this.singleFile = singleFile;
    }

    /** The reader of {@code source}'s format. */
    public static RawManifest of(ManifestSource source, ManifestSettings settings,
            Broadcast<SerializableConfiguration> hadoopConf) {
        ManifestFields fields = ManifestFields.of(settings);
        return switch (source.format()) {
            case JSONL, URIS -> new TextManifest(source.location(), source.format(), fields, source.singleFile());
            case CSV -> new CsvManifest(source.location(), fields, source.singleFile(), hadoopConf);
            case PARQUET, ORC -> new ColumnarManifest(source.location(), source.format(), fields, source.singleFile());
            case LISTING -> throw new IllegalArgumentException("a listing is read by ObjectListing, not as a manifest file");
        };
    }

    /** On the driver: the records with their split columns ({@link #FILE}, {@link #START}, {@link #SIZE}, {@link #MODIFIED}). */
    public abstract Dataset<Row> read(SparkSession spark);

    /** On an executor: the row counts of the splits of one task's records. */
    public abstract Iterator<SplitCount> count(Iterator<Row> records);

    /** On an executor: the manifest rows ({@link ManifestRows#SCHEMA}) of one task's records that {@code filter} keeps. */
    public abstract Iterator<Row> index(Iterator<Row> records, SplitPlan plan, RowFilter filter);

    final ManifestFields fields() {
        return fields;
    }

    /** Where a line or record is, for people: {@code line 17}, or {@code part-3.jsonl line 17} in a manifest of several files. */
    final String position(String fileName, String unit, long number) {
        return (singleFile ? "" : fileName + " ") + unit + " " + number;
    }

    /** An iterator that computes its elements one at a time; {@link #advance()} returns null at the end. */
    abstract static class Lazy<T> implements Iterator<T> {

        private T next;
        private boolean done;

        /** The next element, or null when there is none. */
        abstract T advance();

        @Override
        public final boolean hasNext() {
            if (next == null && !done) {
                next = advance();
                done = next == null;
            }
            return next != null;
        }

        @Override
        public final T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T out = next;
            next = null;
            return out;
        }
    }
}
