package dev.autolabel.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
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
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional fingerprint column: written when known, read back, and absent in shards from before it existed. */
class FingerprintColumnTest {

    private static final Provenance P = new Provenance("r1", Map.of("precision", "aa"), "cfg", 1);
    private static final Instant AT = Instant.parse("2026-11-25T06:00:00Z");

    @TempDir
    Path dir;

    @Test
    void fingerprintsSurviveAWriteAndReadAndAbsentOnesStayAbsent() throws Exception {
        List<LabeledImage> rows = List.of(
                LabeledImage.ok("a", "s3://b/a.jpg", 4, 3, List.of(), P, AT, Map.of()).withFingerprint("etag:\"0a1b\""),
                LabeledImage.failed("b", "s3://b/b.jpg", ErrorCode.NOT_FOUND, "gone", P, AT, Map.of()));
        Path file = dir.resolve("part-00000.parquet");
        try (ShardWriter writer = new ShardWriter(file)) {
            for (LabeledImage row : rows) {
                writer.write(row);
            }
        }
        List<LabeledImage> back = read(file);
        assertEquals(rows, back);
        assertEquals(Optional.of("etag:\"0a1b\""), back.get(0).fingerprint());
        assertEquals(Optional.empty(), back.get(1).fingerprint());
    }

    @Test
    void schemaOneShardsReadWithoutFingerprintsOrScores() throws Exception {
        MessageType old = new MessageType(OutputSchema.SCHEMA.getName(), OutputSchema.SCHEMA.getFields().stream()
                .filter(f -> !f.getName().equals("fingerprint") && !f.getName().equals("uncertainty")).toList());
        Path file = dir.resolve("old.parquet");
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(old).build()) {
            Group row = new SimpleGroupFactory(old).newGroup()
                    .append("image_id", "a").append("uri", "/x/a.jpg").append("width", 4).append("height", 3)
                    .append("status", "OK");
            row.addGroup("detections");
            row.append("run_id", "r0");
            row.addGroup("model_hashes");
            row.append("config_hash", "cfg").append("schema_version", 1).append("labeled_at", AT.toEpochMilli());
            row.addGroup("extra");
            writer.write(row);
        }
        List<LabeledImage> back = read(file);
        assertEquals(1, back.size());
        assertEquals("a", back.get(0).imageId());
        assertTrue(back.get(0).fingerprint().isEmpty());
        assertEquals(0f, back.get(0).uncertainty());
    }

    private static List<LabeledImage> read(Path file) throws Exception {
        List<LabeledImage> rows = new ArrayList<>();
        try (ShardReader reader = ShardReader.open(file)) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }
}
