package dev.autolabel.spark.incremental;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Tile;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Source;
import dev.autolabel.label.Status;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A shard row as Spark reads it ({@link #SCHEMA}: the shard Parquet schema in Spark's types), back to a
 * {@link LabeledImage}: how an incremental run's join hands a parent's row to the task that writes it again.
 * Reading with this schema also reads old shards, whose missing columns come back null.
 */
public final class ParentRow {

    private static final StructType DETECTION = new StructType()
            .add("label", DataTypes.StringType)
            .add("class_id", DataTypes.IntegerType)
            .add("score", DataTypes.FloatType)
            .add("x1", DataTypes.FloatType)
            .add("y1", DataTypes.FloatType)
            .add("x2", DataTypes.FloatType)
            .add("y2", DataTypes.FloatType)
            .add("source", DataTypes.StringType)
            .add("prompt", DataTypes.StringType)
            .add("fine_label", DataTypes.StringType)
            .add("qa_flags", DataTypes.createArrayType(DataTypes.StringType))
            .add("threshold", DataTypes.FloatType)
            .add("tile", new StructType().add("index", DataTypes.IntegerType).add("x", DataTypes.IntegerType)
                    .add("y", DataTypes.IntegerType).add("width", DataTypes.IntegerType).add("height", DataTypes.IntegerType));

    /** Every column of a shard, as Spark's Parquet reader types them. */
    public static final StructType SCHEMA = new StructType()
            .add("image_id", DataTypes.StringType)
            .add("uri", DataTypes.StringType)
            .add("width", DataTypes.IntegerType)
            .add("height", DataTypes.IntegerType)
            .add("status", DataTypes.StringType)
            .add("error_code", DataTypes.StringType)
            .add("error_message", DataTypes.StringType)
            .add("detections", DataTypes.createArrayType(DETECTION))
            .add("run_id", DataTypes.StringType)
            .add("model_hashes", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
            .add("config_hash", DataTypes.StringType)
            .add("schema_version", DataTypes.IntegerType)
            .add("labeled_at", DataTypes.TimestampType)
            .add("extra", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
            .add("uncertainty", DataTypes.FloatType)
            .add("fingerprint", DataTypes.StringType);

    private ParentRow() {
    }

    /** The labeled image of a row with the columns of {@link #SCHEMA}. */
    public static LabeledImage toImage(Row row) {
        Provenance provenance = new Provenance(row.getAs("run_id"), row.getJavaMap(row.fieldIndex("model_hashes")),
                row.getAs("config_hash"), row.<Integer>getAs("schema_version"));
        Instant labeledAt = instant(row.get(row.fieldIndex("labeled_at")));
        Map<String, String> extra = row.getJavaMap(row.fieldIndex("extra"));
        LabeledImage image;
        if (Status.valueOf(row.getAs("status")) == Status.FAILED) {
            image = LabeledImage.failed(row.getAs("image_id"), row.getAs("uri"), ErrorCode.valueOf(row.getAs("error_code")),
                    Optional.ofNullable(row.<String>getAs("error_message")).orElse(""), provenance, labeledAt, extra);
        } else {
            List<LabeledDetection> detections = new ArrayList<>();
            for (Row d : row.<Row>getList(row.fieldIndex("detections"))) {
                detections.add(detection(d));
            }
            Float uncertainty = row.getAs("uncertainty");
            image = LabeledImage.ok(row.getAs("image_id"), row.getAs("uri"), row.<Integer>getAs("width"),
                    row.<Integer>getAs("height"), detections, provenance, labeledAt, extra)
                    .withUncertainty(uncertainty == null ? 0f : uncertainty);
        }
        String fingerprint = row.getAs("fingerprint");
        return fingerprint == null ? image : image.withFingerprint(fingerprint);
    }

    private static LabeledDetection detection(Row d) {
        Box box = new Box(d.<Float>getAs("x1"), d.<Float>getAs("y1"), d.<Float>getAs("x2"), d.<Float>getAs("y2"));
        Row tile = d.getAs("tile");
        return new LabeledDetection(d.getAs("label"), d.<Integer>getAs("class_id"), d.<Float>getAs("score"), box,
                Source.fromWireName(d.getAs("source")), Optional.ofNullable(d.getAs("prompt")),
                Optional.ofNullable(d.getAs("fine_label")), d.getList(d.fieldIndex("qa_flags")),
                Optional.ofNullable(d.<Float>getAs("threshold")),
                Optional.ofNullable(tile).map(t -> new Tile(t.<Integer>getAs("index"), t.<Integer>getAs("x"),
                        t.<Integer>getAs("y"), t.<Integer>getAs("width"), t.<Integer>getAs("height"))));
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : (Instant) value;
    }
}
