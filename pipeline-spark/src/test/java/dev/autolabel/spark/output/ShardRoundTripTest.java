package dev.autolabel.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Tile;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Source;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.LocalBlobStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ShardWriter} writes, {@link ShardReader} and {@link RunReader} give back unchanged. */
class ShardRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void rowsSurviveAWriteAndReadExactly() throws Exception {
        Provenance p = new Provenance("r1", Map.of("precision", "aa", "open-vocab", "bb"), "cfg", 1);
        Instant at = Instant.parse("2026-11-25T06:00:00.123Z");
        LabeledDetection precise = new LabeledDetection("car", 2, 0.91f, new Box(1.5f, 2f, 30f, 40.25f), Source.PRECISE,
                Optional.empty(), Optional.of("sedan"), List.of("size_ok", "confirmed_by_open_vocab"), Optional.of(0.62f));
        LabeledDetection open = new LabeledDetection("ball", 0, 0.4f, new Box(50, 60, 70, 80), Source.OPEN_VOCAB,
                Optional.of("soccer ball"), Optional.empty(), List.of(), Optional.empty(), Optional.of(new Tile(7, 40, 48, 64, 64)));
        List<LabeledImage> rows = List.of(
                LabeledImage.ok("a", "s3://b/a.jpg", 640, 480, List.of(precise, open), p, at, Map.of("camera", "x", "n", "1"))
                        .withUncertainty(0.37f),
                LabeledImage.ok("b", "s3://b/b.jpg", 10, 10, List.of(), p, at, Map.of()),
                LabeledImage.failed("c", "s3://b/c.jpg", ErrorCode.CORRUPT_IMAGE, "not an image", p, at, Map.of("camera", "y")));
        Path runDir = dir.resolve("out").resolve("r1");
        java.nio.file.Files.createDirectories(runDir);
        try (ShardWriter w = new ShardWriter(runDir.resolve("part-00000.parquet"))) {
            for (LabeledImage row : rows.subList(0, 2)) {
                w.write(row);
            }
        }
        try (ShardWriter w = new ShardWriter(runDir.resolve("part-00001.parquet"))) {
            w.write(rows.get(2));
        }
        try (ShardReader r = ShardReader.open(runDir.resolve("part-00000.parquet"))) {
            assertEquals(rows.get(0), r.next());
        }
        List<LabeledImage> back = new ArrayList<>();
        try (LocalBlobStore store = new LocalBlobStore(1 << 20);
                RunReader reader = new RunReader(store, new RunLayout(dir.resolve("out").toString(), "r1"))) {
            reader.forEachRemaining(back::add);
            assertEquals(2, reader.shardCount());
        }
        assertEquals(rows, back);
        assertEquals(0.37f, back.get(0).uncertainty(), "the review score round-trips exactly");
        assertEquals(Optional.of(0.62f), back.get(0).detections().get(0).threshold(), "the threshold a label passed");
        assertEquals(Optional.empty(), back.get(0).detections().get(1).threshold());
        assertEquals(Optional.of(new Tile(7, 40, 48, 64, 64)), back.get(0).detections().get(1).tile(), "a label's tile");
        assertEquals(Optional.empty(), back.get(0).detections().get(0).tile(), "a label found on the whole image");
    }

    @Test
    void schemaThreeShardsWithoutTheTileFieldReadAsWholeImageLabels() throws Exception {
        MessageType v3 = withoutTile(OutputSchema.SCHEMA);
        Path file = dir.resolve("v3.parquet");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(v3).build()) {
            Group row = new SimpleGroupFactory(v3).newGroup().append("image_id", "old").append("uri", "s3://b/old.jpg")
                    .append("width", 40).append("height", 30).append("status", "OK");
            Group element = row.addGroup("detections").addGroup("list").addGroup("element");
            element.append("label", "car").append("class_id", 2).append("score", 0.9f).append("x1", 1f).append("y1", 2f)
                    .append("x2", 10f).append("y2", 20f).append("source", "precise");
            element.addGroup("qa_flags");
            element.append("threshold", 0.5f);
            row.append("run_id", "r0");
            row.addGroup("model_hashes");
            row.append("config_hash", "cfg").append("schema_version", 3).append("labeled_at", 0L);
            row.addGroup("extra");
            row.append("uncertainty", 0.1f);
            w.write(row);
        }
        try (ShardReader r = ShardReader.open(file)) {
            LabeledDetection car = r.next().detections().get(0);
            assertEquals(new Box(1, 2, 10, 20), car.box());
            assertEquals(Optional.of(0.5f), car.threshold());
            assertEquals(Optional.empty(), car.tile());
        }
    }

    /** The schema as it was before tiled inference: no {@code tile} in the detection struct. */
    private static MessageType withoutTile(MessageType schema) {
        List<Type> columns = new ArrayList<>();
        for (Type column : schema.getFields()) {
            if (!column.getName().equals("detections")) {
                columns.add(column);
                continue;
            }
            GroupType list = column.asGroupType().getType("list").asGroupType();
            GroupType element = list.getType("element").asGroupType();
            GroupType oldElement = element.withNewFields(element.getFields().stream()
                    .filter(f -> !f.getName().equals("tile")).toList());
            columns.add(column.asGroupType().withNewFields(list.withNewFields(oldElement)));
        }
        return new MessageType("labeled_image", columns);
    }

    @Test
    void schemaTwoShardsWithoutThresholdsReadAsLabelsWithoutOne() throws Exception {
        String withThreshold = OutputSchema.SCHEMA.toString();
        MessageType v2 = MessageTypeParser.parseMessageType(withThreshold.replaceAll("\\s*optional float threshold;", ""));
        assertEquals(false, v2.toString().contains("threshold"), "the v2 schema lacks the column");
        Path file = dir.resolve("v2.parquet");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(v2).build()) {
            Group row = new SimpleGroupFactory(v2).newGroup().append("image_id", "old").append("uri", "s3://b/old.jpg")
                    .append("width", 4).append("height", 3).append("status", "OK");
            Group element = row.addGroup("detections").addGroup("list").addGroup("element");
            element.append("label", "car").append("class_id", 0).append("score", 0.8f).append("x1", 0f).append("y1", 0f)
                    .append("x2", 2f).append("y2", 2f).append("source", "precise");
            element.addGroup("qa_flags");
            row.append("run_id", "r0");
            row.addGroup("model_hashes");
            row.append("config_hash", "cfg").append("schema_version", 2).append("labeled_at", 0L);
            row.addGroup("extra");
            row.append("uncertainty", 0.5f);
            w.write(row);
        }
        try (ShardReader r = ShardReader.open(file)) {
            LabeledDetection old = r.next().detections().get(0);
            assertEquals("car", old.label());
            assertEquals(Optional.empty(), old.threshold());
        }
    }

    @Test
    void schemaOneShardsWithoutTheUncertaintyColumnReadAsUnscored() throws Exception {
        List<Type> v1Columns = OutputSchema.SCHEMA.getFields().stream().filter(f -> !f.getName().equals("uncertainty")).toList();
        MessageType v1 = new MessageType("labeled_image", v1Columns);
        Path file = dir.resolve("v1.parquet");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(v1).build()) {
            Group row = new SimpleGroupFactory(v1).newGroup().append("image_id", "old").append("uri", "s3://b/old.jpg")
                    .append("width", 4).append("height", 3).append("status", "OK");
            row.addGroup("detections");
            row.append("run_id", "r0");
            row.addGroup("model_hashes");
            row.append("config_hash", "cfg").append("schema_version", 1).append("labeled_at", 0L);
            row.addGroup("extra");
            w.write(row);
        }
        try (ShardReader r = ShardReader.open(file)) {
            LabeledImage old = r.next();
            assertEquals("old", old.imageId());
            assertEquals(1, old.provenance().schemaVersion());
            assertEquals(0f, old.uncertainty());
        }
    }
}
