package dev.autolabel.spark.incremental;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import dev.autolabel.spark.input.ManifestRows;
import dev.autolabel.spark.job.ExecutorRuntime;
import dev.autolabel.storage.Fingerprints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Fills in the current fingerprint of each manifest row's image, on the executors: rows are range-partitioned and
 * sorted by URI, so each task asks S3 for 1,000 consecutive keys per listing request ({@link Fingerprints}) instead
 * of one HEAD per object; local files are stat'ed. Rows that already carry a fingerprint (a saved listing) keep it.
 */
final class CurrentFingerprints {

    /** Rows per task of the fingerprint step: enough for few tasks, few enough for even work. */
    private static final long ROWS_PER_TASK = 200_000;

    private CurrentFingerprints() {
    }

    /** The rows (any columns of {@link ManifestRows#SCHEMA}) with {@code fingerprint} filled where it can be. */
    static Dataset<Row> attach(Dataset<Row> rows, long rowCount, String portableConfig, LongAccumulator listings) {
        requireNonNull(portableConfig, "portableConfig");
        int tasks = (int) Math.max(1, Math.min(10_000, (rowCount + ROWS_PER_TASK - 1) / ROWS_PER_TASK));
        return rows.repartitionByRange(tasks, col(ManifestRows.URI)).sortWithinPartitions(ManifestRows.URI)
                .mapPartitions((MapPartitionsFunction<Row, Row>) it -> withFingerprints(it, portableConfig, listings),
                        Encoders.row(rows.schema()));
    }

    private static Iterator<Row> withFingerprints(Iterator<Row> rows, String portableConfig, LongAccumulator listings) {
        Fingerprints fingerprints = new Fingerprints(ExecutorRuntime.forConfig(portableConfig).store());
        return new Iterator<>() {
            private long counted;

            @Override
            public boolean hasNext() {
                boolean more = rows.hasNext();
                if (!more) {
                    listings.add(fingerprints.listings() - counted);
                    counted = fingerprints.listings();
                }
                return more;
            }

            @Override
            public Row next() {
                return withFingerprint(rows.next(), fingerprints);
            }
        };
    }

    private static Row withFingerprint(Row row, Fingerprints fingerprints) {
        int fp = row.fieldIndex(ManifestRows.FINGERPRINT);
        String uri = row.getString(row.fieldIndex(ManifestRows.URI));
        if (uri == null || !row.isNullAt(fp)) {
            return row;
        }
        Optional<String> current;
        try {
            current = fingerprints.of(uri);
        } catch (IOException e) {
            throw new UncheckedIOException("listing the objects around " + uri + " failed: " + e.getMessage(), e);
        }
        if (current.isEmpty()) {
            return row;
        }
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        values[fp] = current.get();
        return RowFactory.create(values);
    }
}
