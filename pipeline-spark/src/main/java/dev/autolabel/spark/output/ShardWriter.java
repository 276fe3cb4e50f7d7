package dev.autolabel.spark.output;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Streams {@link LabeledImage}s into one local Parquet file with {@link OutputSchema}. Rows are written as
 * they come (bounded memory: one row group buffered); the caller commits the finished file elsewhere.
 */
public final class ShardWriter implements AutoCloseable {

    private final ParquetWriter<Group> writer;
    private final SimpleGroupFactory rows = new SimpleGroupFactory(OutputSchema.SCHEMA);
    private long written;

    public ShardWriter(Path file) throws IOException {
        requireNonNull(file, "file");
        this.writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(OutputSchema.SCHEMA)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    public void write(LabeledImage image) throws IOException {
        Group row = rows.newGroup()
                .append("image_id", image.imageId())
                .append("uri", image.uri())
                .append("width", image.width())
                .append("height", image.height())
                .append("status", image.status().name());
        image.errorCode().ifPresent(code -> row.append("error_code", code.name()));
        image.errorMessage().ifPresent(message -> row.append("error_message", message));
        Group list = row.addGroup("detections");
        for (LabeledDetection d : image.detections()) {
            appendDetection(list.addGroup("list").addGroup("element"), d);
        }
        row.append("run_id", image.provenance().runId());
        appendMap(row.addGroup("model_hashes"), image.provenance().modelHashes());
        row.append("config_hash", image.provenance().configHash())
                .append("schema_version", image.provenance().schemaVersion())
                .append("labeled_at", image.labeledAt().toEpochMilli());
        appendMap(row.addGroup("extra"), image.extra());
        row.append("uncertainty", image.uncertainty());
        image.fingerprint().ifPresent(f -> row.append("fingerprint", f));
        writer.write(row);
        written++;
    }

    public long rowsWritten() {
        return written;
    }

    private static void appendDetection(Group element, LabeledDetection d) {
        element.append("label", d.label())
                .append("class_id", d.classId())
                .append("score", d.score())
                .append("x1", d.box().x1())
                .append("y1", d.box().y1())
                .append("x2", d.box().x2())
                .append("y2", d.box().y2())
                .append("source", d.source().wireName());
        d.prompt().ifPresent(p -> element.append("prompt", p));
        d.fineLabel().ifPresent(f -> element.append("fine_label", f));
        Group flags = element.addGroup("qa_flags");
        d.qaFlags().forEach(flag -> flags.addGroup("list").append("element", flag));
        d.threshold().ifPresent(t -> element.append("threshold", t));
        d.tile().ifPresent(t -> element.addGroup("tile").append("index", t.index()).append("x", t.x()).append("y", t.y())
                .append("width", t.width()).append("height", t.height()));
    }

    private static void appendMap(Group map, Map<String, String> entries) {
        entries.forEach((k, v) -> map.addGroup("key_value").append("key", k).append("value", v));
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
