package dev.autolabel.spark.incremental;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.spark.input.ManifestRows;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.job.ShardTask;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * An incremental run ({@code run.since}) as a Spark join: today's manifest rows, with their images' current
 * fingerprints (from listings, not one request per object), left-joined with the parent run's reusable rows on
 * image id, URI and fingerprint. The parent side is the parent's shards read by Spark, filtered on their key columns
 * (OK status, a fingerprint, the same model hashes and labeling config hash) before anything moves; the joined rows
 * carry the parent's whole row to the task that writes the shard, so a reordered manifest costs what an ordered
 * one does. Rows with no match are labeled.
 */
public final class ParentJoin {

    private static final String KEY = "_parent_";

    private final String runId;
    private final List<String> shards;
    private final Map<String, String> modelHashes;
    private final String configHash;
    private final String portableConfig;

    private ParentJoin(String runId, List<String> shards, Map<String, String> modelHashes, String configHash,
            String portableConfig) {
        this.runId = runId;
        this.shards = List.copyOf(shards);
        this.modelHashes = new TreeMap<>(modelHashes);
        this.configHash = configHash;
        this.portableConfig = portableConfig;
    }

    /**
     * The parent named by run.since, or empty without one (or when it has no rows). An IOException naming run.since
     * when the parent run does not exist.
     */
    public static Optional<ParentJoin> of(BlobStore store, AutolabelConfig config, Map<String, String> modelHashes,
            String portableConfig) throws IOException {
        requireNonNull(store, "store");
        if (config.run().since().isEmpty()) {
            return Optional.empty();
        }
        RunLayout parent = new RunLayout(config.run().output(), config.run().since().get());
        List<String> shards;
        try {
            shards = RunReader.shardsOf(store, parent);
        } catch (IOException e) {
            throw new IOException("cannot read the parent run (run.since) at " + parent.runDir() + ": " + e.getMessage(), e);
        }
        if (shards.isEmpty()) {
            return Optional.empty(); // a parent without rows (an empty manifest): nothing to copy
        }
        return Optional.of(new ParentJoin(parent.runId(), shards, modelHashes, config.labelingConfigHash(),
                requireNonNull(portableConfig, "portableConfig")));
    }

    public String runId() {
        return runId;
    }

    /**
     * The manifest rows with a {@link ShardTask#PARENT} column: the parent's row where it may be copied, else null.
     * {@code listings} counts the listing requests made for fingerprints.
     */
    public Dataset<Row> join(SparkSession spark, Dataset<Row> rows, long rowCount, LongAccumulator listings) {
        Dataset<Row> current = CurrentFingerprints.attach(rows, rowCount, portableConfig, listings);
        Dataset<Row> parent = reusable(spark);
        Column sameRow = current.col(ManifestRows.ID).equalTo(parent.col(KEY + "id"))
                .and(current.col(ManifestRows.URI).equalTo(parent.col(KEY + "uri")))
                .and(current.col(ManifestRows.FINGERPRINT).equalTo(parent.col(KEY + "fingerprint")));
        Column[] columns = Arrays.stream(current.columns()).map(current::col).toArray(Column[]::new);
        Column[] withParent = Arrays.copyOf(columns, columns.length + 1);
        withParent[columns.length] = parent.col(ShardTask.PARENT);
        return current.join(parent, sameRow, "left_outer").select(withParent);
    }

    /** The parent's rows that may be copied, keyed, one per (id, URI, fingerprint). */
    private Dataset<Row> reusable(SparkSession spark) {
        // The shard files by name (one string per parent shard on the driver): a glob would make Spark look for a
        // streaming sink's metadata folder and warn with a stack trace on every run.
        Dataset<Row> rows = spark.read().schema(ParentRow.SCHEMA).parquet(shards.toArray(String[]::new));
        Column same = col("status").equalTo(lit("OK")).and(col("fingerprint").isNotNull())
                .and(col("config_hash").equalTo(lit(configHash)))
                .and(size(col("model_hashes")).equalTo(lit(modelHashes.size())));
        for (Map.Entry<String, String> e : modelHashes.entrySet()) {
            same = same.and(element_at(col("model_hashes"), lit(e.getKey())).equalTo(lit(e.getValue())));
        }
        Column[] all = Arrays.stream(ParentRow.SCHEMA.fieldNames()).map(f -> col(f)).toArray(Column[]::new);
        return rows.filter(same)
                .select(col("image_id").as(KEY + "id"), col("uri").as(KEY + "uri"),
                        col("fingerprint").as(KEY + "fingerprint"), struct(all).as(ShardTask.PARENT))
                .dropDuplicates(KEY + "id", KEY + "uri", KEY + "fingerprint");
    }
}
