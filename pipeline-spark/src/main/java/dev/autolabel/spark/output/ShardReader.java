package dev.autolabel.spark.output;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Tile;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Source;
import dev.autolabel.label.Status;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Streams the rows of one local shard file back as {@link LabeledImage}s (the inverse of {@link ShardWriter}),
 * one row at a time, for exports, reports and incremental runs. Not thread-safe.
 */
public final class ShardReader implements Iterator<LabeledImage>, AutoCloseable {

    private final ParquetReader<Group> reader;
    /** A downloaded copy of a remote shard, deleted on close; null for a local shard read in place. */
    private final Path downloaded;
    private Group next;

    private ShardReader(ParquetReader<Group> reader, Path downloaded) throws IOException {
        this.reader = reader;
        this.downloaded = downloaded;
        this.next = reader.read();
    }

    public static ShardReader open(Path file) throws IOException {
        return open(file, null);
    }

    /**
     * Opens the shard at {@code uri}: a local path or {@code file:} URI is read in place, a remote shard is
     * downloaded to a temporary file first (deleted on close).
     */
    public static ShardReader open(BlobStore store, String uri) throws IOException {
        if (uri.startsWith("file:")) {
            return open(Path.of(URI.create(uri)));
        }
        if (!uri.contains("://")) {
            return open(Path.of(uri));
        }
        Path copy = Files.createTempFile("autolabel-read-", ".parquet");
        try {
            store.download(uri, copy);
            return open(copy, copy);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    private static ShardReader open(Path file, Path downloaded) throws IOException {
        return new ShardReader(ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri())).build(), downloaded);
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public LabeledImage next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        Group row = next;
        try {
            next = reader.read();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shard row: " + e.getMessage(), e);
        }
        return toImage(row);
    }

    static LabeledImage toImage(Group row) {
        LabeledImage image = withoutFingerprint(row);
        // Shards written before the column existed have no fingerprint field at all.
        if (row.getType().containsField("fingerprint")) {
            return optional(row, "fingerprint").map(image::withFingerprint).orElse(image);
        }
        return image;
    }

    private static LabeledImage withoutFingerprint(Group row) {
        Provenance provenance = new Provenance(row.getString("run_id", 0), map(row.getGroup("model_hashes", 0)),
                row.getString("config_hash", 0), row.getInteger("schema_version", 0));
        Instant labeledAt = Instant.ofEpochMilli(row.getLong("labeled_at", 0));
        Map<String, String> extra = map(row.getGroup("extra", 0));
        if (Status.valueOf(row.getString("status", 0)) == Status.FAILED) {
            return LabeledImage.failed(row.getString("image_id", 0), row.getString("uri", 0),
                    ErrorCode.valueOf(row.getString("error_code", 0)), optional(row, "error_message").orElse(""),
                    provenance, labeledAt, extra);
        }
        List<LabeledDetection> detections = new ArrayList<>();
        Group list = row.getGroup("detections", 0);
        for (int i = 0; i < list.getFieldRepetitionCount("list"); i++) {
            detections.add(detection(list.getGroup("list", i).getGroup("element", 0)));
        }
        return LabeledImage.ok(row.getString("image_id", 0), row.getString("uri", 0), row.getInteger("width", 0),
                row.getInteger("height", 0), detections, provenance, labeledAt, extra).withUncertainty(uncertainty(row));
    }

    /** Schema-1 shards have no uncertainty column: their rows read as 0 (not scored). */
    private static float uncertainty(Group row) {
        return row.getType().containsField("uncertainty") ? row.getFloat("uncertainty", 0) : 0f;
    }

    private static LabeledDetection detection(Group d) {
        List<String> flags = new ArrayList<>();
        Group flagList = d.getGroup("qa_flags", 0);
        for (int i = 0; i < flagList.getFieldRepetitionCount("list"); i++) {
            flags.add(flagList.getGroup("list", i).getString("element", 0));
        }
        Box box = new Box(d.getFloat("x1", 0), d.getFloat("y1", 0), d.getFloat("x2", 0), d.getFloat("y2", 0));
        // Shards written before schema 3 have no threshold field in their detections.
        Optional<Float> threshold = d.getType().containsField("threshold") && d.getFieldRepetitionCount("threshold") > 0
                ? Optional.of(d.getFloat("threshold", 0)) : Optional.empty();
        return new LabeledDetection(d.getString("label", 0), d.getInteger("class_id", 0), d.getFloat("score", 0), box,
                Source.fromWireName(d.getString("source", 0)), optional(d, "prompt"), optional(d, "fine_label"), flags,
                threshold, tile(d));
    }

    /** The tile a label was found on; shards before schema 4 have no tile field: their labels read as whole-image. */
    private static Optional<Tile> tile(Group d) {
        if (!d.getType().containsField("tile") || d.getFieldRepetitionCount("tile") == 0) {
            return Optional.empty();
        }
        Group t = d.getGroup("tile", 0);
        return Optional.of(new Tile(t.getInteger("index", 0), t.getInteger("x", 0), t.getInteger("y", 0),
                t.getInteger("width", 0), t.getInteger("height", 0)));
    }

    private static Optional<String> optional(Group g, String field) {
        return g.getFieldRepetitionCount(field) == 0 ? Optional.empty() : Optional.of(g.getString(field, 0));
    }

    private static Map<String, String> map(Group map) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < map.getFieldRepetitionCount("key_value"); i++) {
            Group kv = map.getGroup("key_value", i);
            out.put(kv.getString("key", 0), kv.getString("value", 0));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            if (downloaded != null) {
                Files.deleteIfExists(downloaded);
            }
        }
    }
}
