package dev.autolabel.spark.input;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_millis;

import dev.autolabel.manifest.MalformedRow;
import dev.autolabel.manifest.ManifestFields;
import dev.autolabel.manifest.ManifestFormat;
import dev.autolabel.manifest.ManifestReader;
import dev.autolabel.manifest.ManifestRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * CSV manifests, one file per record: a CSV record may span lines (quoted line breaks), so a file cannot be split
 * at arbitrary bytes. Spark lists the files (folders, globs, prefixes as for the other formats); each task streams
 * its files through the single-file CSV reader, so header checks, malformed records and physical line numbers are
 * exactly those of a one-file manifest.
 */
final class CsvManifest extends RawManifest {

    private static final long serialVersionUID = 1L;

    private final String location;
    private final Broadcast<SerializableConfiguration> hadoopConf;

    CsvManifest(String location, ManifestFields fields, boolean singleFile, Broadcast<SerializableConfiguration> hadoopConf) {
        super(fields, singleFile);
        this.location = requireNonNull(location, "location");
        this.hadoopConf = requireNonNull(hadoopConf, "hadoopConf");
    }

    @Override
    public Dataset<Row> read(SparkSession spark) {
        // binaryFile lists like every file source; without the content column it reads no bytes.
        return spark.read().format("binaryFile").load(location).select(col("path").as(FILE), lit(0L).as(START),
                col("length").as(SIZE), unix_millis(col("modificationTime")).as(MODIFIED));
    }

    @Override
    public Iterator<SplitCount> count(Iterator<Row> files) {
        List<SplitCount> counts = new ArrayList<>();
        SplitCursor cursor = new SplitCursor();
        while (files.hasNext()) {
            cursor.moveTo(files.next());
            try (ManifestReader reader = open(cursor.file())) {
                while (reader.hasNext()) {
                    reader.next();
                    cursor.nextRecord();
                    cursor.nextRow();
                }
            }
            counts.add(cursor.count());
        }
        return counts.iterator();
    }

    @Override
    public Iterator<Row> index(Iterator<Row> files, SplitPlan plan, RowFilter filter) {
        SplitCursor cursor = new SplitCursor();
        return new Lazy<>() {
            private ManifestReader reader;
            private SplitPlan.Base base;

            @Override
            Row advance() {
                while (true) {
                    while (reader == null || !reader.hasNext()) {
                        if (reader != null) {
                            reader.close();
                            reader = null;
                        }
                        if (!files.hasNext()) {
                            return null;
                        }
                        cursor.moveTo(files.next());
                        base = cursor.base(plan);
                        reader = open(cursor.file());
                    }
                    ManifestRow row = reader.next();
                    long idx = base.row() + cursor.nextRow();
                    if (filter.keep(idx)) {
                        return ManifestRows.toRow(idx, placed(row, base.fileName()), Optional.empty());
                    }
                }
            }
        };
    }

    private ManifestRow placed(ManifestRow row, String fileName) {
        return row instanceof MalformedRow bad
                ? new MalformedRow(bad.lineNumber(), bad.reason(), position(fileName, "line", bad.lineNumber())) : row;
    }

    /** A streaming CSV reader over one file, decompressed by its name (.gz and the other Hadoop codecs). */
    private ManifestReader open(String file) {
        Configuration conf = hadoopConf.value().value();
        Path path = new Path(file);
        try {
            InputStream in = path.getFileSystem(conf).open(path);
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
            try {
                return ManifestReader.open(codec == null ? in : codec.createInputStream(in), file, ManifestFormat.CSV,
                        fields());
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest file " + file + ": " + e.getMessage(), e);
        }
    }
}
