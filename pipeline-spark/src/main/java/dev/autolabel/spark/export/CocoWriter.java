package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.autolabel.detect.Box;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * COCO object-detection JSON, streamed: {@code info}, {@code categories} (ids 1..C by label name), then
 * {@code images} (id 1..N in export order, {@code file_name} = the image URI) and {@code annotations}
 * ({@code bbox} = [x, y, width, height] in pixels, {@code area} = width * height, {@code iscrowd} 0, plus
 * {@code score} and {@code attributes} source/prompt/fine_label). COCO puts all images before all annotations,
 * so annotations go to a temporary JSON array first and are copied over, token by token, at the end.
 */
final class CocoWriter implements ImageSink {

    private final Path file;
    private final Path pending;
    private final JsonGenerator out;
    private final JsonGenerator annotations;
    private final Map<String, Integer> categoryIds = new HashMap<>();
    private int imageId;
    private int annotationId;

    CocoWriter(Path file, List<String> categories, String runId) throws IOException {
        this.file = requireNonNull(file, "file");
        this.pending = Files.createTempFile(file.toAbsolutePath().getParent(), ".coco-annotations-", ".json");
        this.out = Json.generator(file);
        this.annotations = Json.generator(pending);
        out.writeStartObject();
        out.writeObjectFieldStart("info");
        out.writeStringField("description", "autolabel run " + runId);
        out.writeStringField("date_created", Instant.now().toString());
        out.writeEndObject();
        out.writeArrayFieldStart("categories");
        for (String name : categories) {
            categoryIds.put(name, categoryIds.size() + 1);
            out.writeStartObject();
            out.writeNumberField("id", categoryIds.get(name));
            out.writeStringField("name", name);
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeArrayFieldStart("images");
        annotations.writeStartArray();
    }

    @Override
    public void write(LabeledImage image) throws IOException {
        imageId++;
        out.writeStartObject();
        out.writeNumberField("id", imageId);
        out.writeStringField("file_name", image.uri());
        out.writeNumberField("width", image.width());
        out.writeNumberField("height", image.height());
        out.writeStringField("autolabel_image_id", image.imageId());
        out.writeNumberField("uncertainty", image.uncertainty());
        out.writeEndObject();
        for (LabeledDetection d : image.detections()) {
            writeAnnotation(d);
        }
    }

    private void writeAnnotation(LabeledDetection d) throws IOException {
        Integer category = categoryIds.get(d.label());
        if (category == null) {
            throw new IllegalStateException("label '" + d.label() + "' is missing from the category list");
        }
        Box b = d.box();
        annotations.writeStartObject();
        annotations.writeNumberField("id", ++annotationId);
        annotations.writeNumberField("image_id", imageId);
        annotations.writeNumberField("category_id", category);
        annotations.writeArrayFieldStart("bbox");
        annotations.writeNumber(b.x1());
        annotations.writeNumber(b.y1());
        annotations.writeNumber(b.width());
        annotations.writeNumber(b.height());
        annotations.writeEndArray();
        annotations.writeNumberField("area", b.area());
        annotations.writeNumberField("iscrowd", 0);
        annotations.writeNumberField("score", d.score());
        annotations.writeObjectFieldStart("attributes");
        annotations.writeStringField("source", d.source().wireName());
        if (d.prompt().isPresent()) {
            annotations.writeStringField("prompt", d.prompt().get());
        }
        if (d.fineLabel().isPresent()) {
            annotations.writeStringField("fine_label", d.fineLabel().get());
        }
        annotations.writeEndObject();
        annotations.writeEndObject();
    }

    @Override
    public void finish() throws IOException {
        try {
            annotations.writeEndArray();
            annotations.close();
            out.writeEndArray();
            out.writeArrayFieldStart("annotations");
            try (JsonParser in = Json.FACTORY.createParser(pending.toFile())) {
                in.nextToken(); // the array start
                while (in.nextToken() == JsonToken.START_OBJECT) {
                    out.copyCurrentStructure(in);
                }
            }
            out.writeEndArray();
            out.writeEndObject();
            out.close();
        } finally {
            Files.deleteIfExists(pending);
        }
    }

    @Override
    public void abort() {
        Json.closeUnfinished(annotations);
        Json.closeUnfinished(out);
        try {
            Files.deleteIfExists(pending);
        } catch (IOException e) {
            // best effort: the export already failed with its own error
        }
    }

    @Override
    public List<Path> files() {
        return List.of(file);
    }
}
