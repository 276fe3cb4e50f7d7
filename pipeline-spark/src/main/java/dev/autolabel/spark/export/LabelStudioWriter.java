package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.autolabel.calibration.LabelStudioExport;
import dev.autolabel.detect.Box;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Label Studio tasks with pre-annotations, one JSON array streamed to {@code tasks.json}, plus the matching
 * labeling config ({@code labeling-config.xml}: an {@code Image} named "image" and {@code RectangleLabels} named
 * "label" listing every label).
 *
 * <p>Format, from Label Studio's "Import pre-annotated data" guide (labelstud.io/guide/predictions) and its
 * "Units of image annotations" note (docs/source/includes/image_units.md): a task is
 * {@code {"data": {"image": URL}, "predictions": [{"model_version", "score", "result": [...]}]}}; each result
 * region has {@code id}, {@code type} "rectanglelabels", {@code from_name}/{@code to_name} naming the control and
 * object tags of the labeling config, {@code original_width}/{@code original_height} in pixels,
 * {@code image_rotation} 0, and {@code value} {x, y, width, height, rotation, rectanglelabels} where x, y, width
 * and height are percentages (0..100) of the image size ({@code pixel_x = x / 100 * original_width}), x/y being
 * the top-left corner; a region may carry its own {@code score}. The prediction-level {@code score} is what the
 * Data Manager sorts tasks by ("lowest score shown first", Label Studio API reference, predictions): we set it to
 * {@code 1 - uncertainty}, so sorting by it puts the most doubtful images first. Extra {@code data} fields
 * ({@code image_id}, {@code uncertainty}) show up as Data Manager columns.
 *
 * <p>Workers render each shard's tasks into a chunk file; chunks are spliced into the task array in run order. A task
 * file takes whole shards up to {@link FileLimits#annotationsPerFile()} boxes ({@code tasks.json}, or
 * {@code tasks-00000.json ...} when split; Label Studio imports each file on its own).
 */
final class LabelStudioWriter implements ImageSink<LabelStudioWriter.Chunk> {

    /** One shard's tasks as comma-separated JSON objects, and the labels they use. */
    record Chunk(Path tasksJson, long images, long boxes, Set<String> labels) implements ImageSink.Chunk {
        Chunk {
            labels = Set.copyOf(labels);
        }
    }

    private final Path config;
    private final String modelVersion;
    private final Path temp;
    private final Set<String> labels = new TreeSet<>();
    private final NumberedFiles files;
    private OutputStream out;
    private long fileTasks;

    /**
     * {@code knownLabels}: labels to offer in the labeling config even if no written task uses them; {@code temp}: a
     * folder for chunks, removed by the caller.
     */
    LabelStudioWriter(Path dir, String modelVersion, Set<String> knownLabels, FileLimits limits, Path temp) {
        this.config = dir.resolve("labeling-config.xml");
        this.modelVersion = requireNonNull(modelVersion, "modelVersion");
        this.temp = requireNonNull(temp, "temp");
        this.labels.addAll(knownLabels);
        this.files = new NumberedFiles(dir, "tasks", "json", limits.annotationsPerFile());
    }

    @Override
    public ChunkWriter<Chunk> chunkWriter(int shard) throws IOException {
        return new ShardChunk();
    }

    @Override
    public void append(Chunk chunk) throws IOException {
        try {
            labels.addAll(chunk.labels());
            if (chunk.images() == 0) {
                return;
            }
            if (files.needsNewFile(chunk.boxes())) {
                closeFile();
                openFile(files.next());
            }
            Json.splice(chunk.tasksJson(), out, fileTasks > 0);
            fileTasks += chunk.images();
            files.added(chunk.boxes());
        } finally {
            Files.deleteIfExists(chunk.tasksJson());
        }
    }

    private void openFile(Path file) throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        out.write('[');
        fileTasks = 0;
    }

    private void closeFile() throws IOException {
        if (out != null) {
            out.write(']');
            out.close();
            out = null;
        }
    }

    /** One rectanglelabels region of the control "label" on the image "image", in percent of the image. */
    static void writeRectangle(JsonGenerator out, String id, String label, Box b, float score, int width, int height)
            throws IOException {
        out.writeStartObject();
        out.writeStringField("id", id);
        out.writeStringField("type", "rectanglelabels");
        out.writeStringField("from_name", LabelStudioExport.CONTROL);
        out.writeStringField("to_name", "image");
        out.writeNumberField("original_width", width);
        out.writeNumberField("original_height", height);
        out.writeNumberField("image_rotation", 0);
        out.writeObjectFieldStart("value");
        out.writeNumberField("x", percent(b.x1(), width));
        out.writeNumberField("y", percent(b.y1(), height));
        out.writeNumberField("width", percent(b.width(), width));
        out.writeNumberField("height", percent(b.height(), height));
        out.writeNumberField("rotation", 0);
        out.writeArrayFieldStart("rectanglelabels");
        out.writeString(label);
        out.writeEndArray();
        out.writeEndObject();
        out.writeNumberField("score", score);
        out.writeEndObject();
    }

    /** Pixels as a percentage of the side, clamped to [0, 100] against float rounding. */
    static double percent(double pixels, int side) {
        return Math.max(0.0, Math.min(100.0, pixels / side * 100.0));
    }

    @Override
    public void finish() throws IOException {
        if (!files.any()) {
            openFile(files.next()); // an export without images is still a task file: []
        }
        closeFile();
        files.finish();
        Files.write(config, labelingConfig(labels, ""), StandardCharsets.UTF_8);
    }

    /** The labeling config: an image and a RectangleLabels control listing {@code labels}; {@code controlAttributes} extra. */
    static List<String> labelingConfig(Set<String> labels, String controlAttributes) {
        List<String> xml = new ArrayList<>(List.of("<View>", "  <Image name=\"image\" value=\"$image\"/>",
                "  <RectangleLabels name=\"" + LabelStudioExport.CONTROL + "\" toName=\"image\"" + controlAttributes + ">"));
        labels.forEach(l -> xml.add("    <Label value=\"" + xmlAttribute(l) + "\"/>"));
        xml.addAll(List.of("  </RectangleLabels>", "</View>"));
        return xml;
    }

    private static String xmlAttribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void abort() {
        if (out != null) {
            try {
                out.close(); // without the closing bracket
            } catch (IOException e) {
                // best effort: the export already failed with its own error
            }
        }
    }

    @Override
    public List<Path> files() {
        List<Path> all = new ArrayList<>(files.written());
        all.add(config);
        return all;
    }

    /** Renders one shard's tasks. */
    private final class ShardChunk implements ChunkWriter<Chunk> {
        private final Path file;
        private final JsonGenerator out;
        private final Set<String> used = new TreeSet<>();
        private long tasks;
        private long boxes;

        ShardChunk() throws IOException {
            this.file = Files.createTempFile(temp, "tasks-", ".json");
            this.out = Json.chunkGenerator(file);
        }

        @Override
        public void write(LabeledImage image) throws IOException {
            tasks++;
            out.writeStartObject();
            out.writeObjectFieldStart("data");
            out.writeStringField("image", image.uri());
            out.writeStringField("image_id", image.imageId());
            out.writeNumberField("uncertainty", image.uncertainty());
            out.writeEndObject();
            out.writeArrayFieldStart("predictions");
            out.writeStartObject();
            out.writeStringField("model_version", modelVersion);
            out.writeNumberField("score", 1f - image.uncertainty());
            out.writeArrayFieldStart("result");
            List<LabeledDetection> detections = image.detections();
            for (int i = 0; i < detections.size(); i++) {
                writeRegion("r" + i, detections.get(i), image.width(), image.height());
            }
            out.writeEndArray();
            out.writeEndObject();
            out.writeEndArray();
            out.writeEndObject();
        }

        private void writeRegion(String id, LabeledDetection d, int width, int height) throws IOException {
            used.add(d.label());
            boxes++;
            writeRectangle(out, id, d.label(), d.box(), d.score(), width, height);
        }

        @Override
        public Chunk finish() throws IOException {
            out.close();
            return new Chunk(file, tasks, boxes, used);
        }

        @Override
        public void close() {
            Json.closeUnfinished(out);
        }
    }
}
