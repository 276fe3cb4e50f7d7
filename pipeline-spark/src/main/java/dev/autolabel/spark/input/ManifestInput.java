package dev.autolabel.spark.input;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.ManifestSettings;
import dev.autolabel.manifest.ManifestFields;
import dev.autolabel.manifest.ManifestFormat;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A run's manifest read by Spark on the executors: one counting pass gives each split's row count (the driver
 * keeps one entry per split, never rows) and so every row's index in the whole manifest; the reading pass then
 * yields the rows ({@link ManifestRows#SCHEMA}) with those indexes, which fix their shards whatever splits Spark
 * made. A re-run over the same manifest gives every row the same index, which is what lets it resume.
 */
public final class ManifestInput {

    /**
     * Split size is left to Spark, but must not depend on how many executors happen to be registered (Spark's
     * default), or the reading pass could split differently from the counting pass.
     */
    private static final String MIN_PARTITIONS = "spark.sql.files.minPartitionNum";
    private static final String DEFAULT_MIN_PARTITIONS = "16";

    private final RawManifest raw;
    private final Dataset<Row> records;
    private final SplitPlan plan;
    private final ManifestSource source;

    private ManifestInput(ManifestSource source, RawManifest raw, Dataset<Row> records, SplitPlan plan) {
        this.source = source;
        this.raw = raw;
        this.records = records;
        this.plan = plan;
    }

    /** Resolves the manifest, checks it, and counts its rows (a Spark job). */
    public static ManifestInput count(SparkSession spark, ManifestSettings settings) {
        requireNonNull(spark, "spark");
        ManifestSource source = ManifestSource.resolve(settings, spark.sparkContext().hadoopConfiguration());
        Broadcast<SerializableConfiguration> conf = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        return count(spark, source, RawManifest.of(source, settings, conf));
    }

    /**
     * The rows of a saved listing of image objects (Parquet: {@code uri}, {@code fingerprint}), as a manifest whose
     * ids are the URIs and whose fingerprints are known.
     */
    public static ManifestInput countListing(SparkSession spark, String listingDir, String listedLocation) {
        ManifestSource source = new ManifestSource(listedLocation, ManifestFormat.LISTING, listingDir, false);
        return count(spark, source, new ColumnarManifest(listingDir, ManifestFormat.PARQUET,
                new ManifestFields(ManifestRows.URI, ManifestRows.URI), true, Optional.of(ManifestRows.FINGERPRINT)));
    }

    private static ManifestInput count(SparkSession spark, ManifestSource source, RawManifest raw) {
        if (spark.conf().getOption(MIN_PARTITIONS).isEmpty()) {
            spark.conf().set(MIN_PARTITIONS, DEFAULT_MIN_PARTITIONS);
        }
        Dataset<Row> records = raw.read(spark);
        spark.sparkContext().setJobDescription("autolabel: count the rows of manifest " + source.location());
        List<SplitCount> counts;
        try {
            counts = records.javaRDD().mapPartitions(raw::count).collect();
        } catch (Exception e) {
            throw new ManifestException(StorageFailure.isRecognised(e)
                    ? StorageFailure.explain("manifest " + source.location(), e)
                    : "manifest " + source.location() + " cannot be read: " + Failures.rootMessage(e), e);
        }
        return new ManifestInput(source, raw, records, SplitPlan.of(counts));
    }

    public ManifestSource source() {
        return source;
    }

    /** Rows in the manifest. */
    public long rows() {
        return plan.rows();
    }

    /** The manifest rows that {@code filter} keeps, with their indexes; lazy (read when a job needs them). */
    public Dataset<Row> rows(JavaSparkContext spark, RowFilter filter) {
        Broadcast<SplitPlan> shared = spark.broadcast(plan);
        RawManifest reader = raw;
        return records.mapPartitions((MapPartitionsFunction<Row, Row>) it -> reader.index(it, shared.value(), filter),
                Encoders.row(ManifestRows.SCHEMA));
    }
}
