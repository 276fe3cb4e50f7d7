package dev.autolabel.spark.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Tile;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Source;
import dev.autolabel.spark.output.OutputSchema;
import dev.autolabel.spark.output.ShardWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parent run's row, read by Spark with {@link ParentRow#SCHEMA} (as an incremental run's join reads it), comes back
 * as it was written: each label's threshold and tile included, so a copied row keeps its provenance.
 */
class ParentRowTest {

    @TempDir
    Path dir;

    @Test
    void schemaIsTheShardSchemaAsSparkReadsIt() {
        // ParentRow.SCHEMA is written by hand: a column added to the shards must be added there too, or an
        // incremental run's copied rows would lose it.
        StructType spark = new ParquetToSparkSchemaConverter(new SQLConf()).convert(OutputSchema.SCHEMA);
        assertEquals(spark.catalogString(), ParentRow.SCHEMA.catalogString());
    }

    @Test
    void aRowReadBySparkKeepsEveryLabelsThresholdAndTile() throws Exception {
        Provenance p = new Provenance("parent", Map.of("precision", "aa"), "cfg", LabeledImage.SCHEMA_VERSION);
        LabeledDetection tiled = new LabeledDetection("car", 2, 0.91f, new Box(1.5f, 2f, 30f, 40.25f), Source.PRECISE,
                Optional.empty(), Optional.empty(), List.of("size_ok"), Optional.of(0.6f),
                Optional.of(new Tile(3, 512, 0, 640, 640)));
        LabeledDetection whole = new LabeledDetection("ball", 0, 0.4f, new Box(50, 60, 70, 80), Source.OPEN_VOCAB,
                Optional.of("soccer ball"), Optional.empty(), List.of(), Optional.of(0.3f));
        LabeledImage row = LabeledImage.ok("a", "s3://b/a.jpg", 2000, 1000, List.of(tiled, whole), p,
                Instant.parse("2026-12-04T06:00:00Z"), Map.of("camera", "x")).withUncertainty(0.25f).withFingerprint("etag");
        Path shard = Files.createDirectories(dir.resolve("run")).resolve("part-00000.parquet");
        try (ShardWriter writer = new ShardWriter(shard)) {
            writer.write(row);
        }
        SparkSession spark = SparkSession.builder().master("local[1]").appName("parent-row")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            LabeledImage back = ParentRow.toImage(spark.read().schema(ParentRow.SCHEMA).parquet(shard.toString())
                    .collectAsList().get(0));
            assertEquals(row, back);
            assertEquals(List.of(Optional.empty(), Optional.empty()), ParentRow.toImage(spark.read().schema(ParentRow.SCHEMA)
                    .parquet(oldShard().toString()).collectAsList().get(0)).detections().stream()
                    .map(d -> d.threshold().map(Object.class::cast).or(d::tile)).toList(),
                    "a shard from before thresholds and tiles: none of either");
        } finally {
            spark.stop();
        }
    }

    /** A schema-2 shard: no threshold or tile in its detections. */
    private Path oldShard() throws Exception {
        MessageType v2 = MessageTypeParser.parseMessageType(OutputSchema.SCHEMA.toString()
                .replaceAll("\\s*optional float threshold;", "")
                .replaceAll("\\s*optional group tile \\{[^}]*\\}", ""));
        Path file = Files.createDirectories(dir.resolve("old")).resolve("part-00000.parquet");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(v2).build()) {
            Group row = new SimpleGroupFactory(v2).newGroup().append("image_id", "old").append("uri", "s3://b/old.jpg")
                    .append("width", 40).append("height", 30).append("status", "OK");
            Group list = row.addGroup("detections");
            for (int i = 0; i < 2; i++) {
                Group element = list.addGroup("list").addGroup("element");
                element.append("label", "car").append("class_id", 2).append("score", 0.9f).append("x1", 1f)
                        .append("y1", 2f).append("x2", 10f).append("y2", 20f).append("source", "precise");
                element.addGroup("qa_flags");
            }
            row.append("run_id", "r0");
            row.addGroup("model_hashes");
            row.append("config_hash", "cfg").append("schema_version", 2).append("labeled_at", 0L);
            row.addGroup("extra");
            row.append("uncertainty", 0.1f);
            w.write(row);
        }
        return file;
    }
}
