package dev.autolabel.spark.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autolabel.calibration.ReviewJson;
import dev.autolabel.calibration.ReviewSample;
import dev.autolabel.calibration.SampleImage;
import dev.autolabel.calibration.SampleLabel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a review sample for people: {@code tasks.json} (one Label Studio task per sampled image; every label of the
 * image is a pre-annotation whose region id is the label id, so the export keeps it; {@code data} carries
 * {@code image}, {@code image_id}, {@code autolabel_run}, {@code autolabel_sample} and {@code autolabel_row} back
 * to the import), {@code labeling-config.xml} (boxes cannot be rotated), {@code coco.json} (the same images and
 * labels as COCO, each annotation with its {@code autolabel_label_id} and, when drawn, its {@code sample_weight}) and
 * {@code sample.json} (the design, each drawn label with its weight).
 * Which labels were drawn is not shown: the reviewer corrects every box of the image and adds what is missing.
 */
public final class ReviewTasksWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReviewTasksWriter() {
    }

    /** Writes the four files into {@code dir}; returns them. */
    public static List<Path> write(ReviewSample sample, Path dir, String modelVersion) throws IOException {
        Files.createDirectories(dir);
        Set<String> labels = new TreeSet<>();
        sample.images().forEach(i -> i.labels().forEach(l -> labels.add(l.key().label())));
        Path tasks = dir.resolve("tasks.json");
        try (JsonGenerator out = Json.generator(tasks)) {
            out.writeStartArray();
            for (SampleImage image : sample.images()) {
                task(out, sample, image, modelVersion);
            }
            out.writeEndArray();
        }
        Path config = dir.resolve("labeling-config.xml");
        Files.write(config, LabelStudioWriter.labelingConfig(labels, " canRotate=\"false\""), StandardCharsets.UTF_8);
        Path coco = dir.resolve("coco.json");
        JSON.writeValue(coco.toFile(), coco(sample, labels));
        Path design = dir.resolve("sample.json");
        Files.write(design, ReviewJson.write(sample));
        return List.of(tasks, config, coco, design);
    }

    private static void task(JsonGenerator out, ReviewSample sample, SampleImage image, String modelVersion)
            throws IOException {
        out.writeStartObject();
        out.writeObjectFieldStart("data");
        out.writeStringField("image", image.uri());
        out.writeStringField("image_id", image.imageId());
        out.writeStringField("autolabel_run", sample.runId());
        out.writeStringField("autolabel_sample", sample.sampleId());
        out.writeNumberField("autolabel_row", image.row());
        out.writeEndObject();
        out.writeArrayFieldStart("predictions");
        out.writeStartObject();
        out.writeStringField("model_version", modelVersion);
        out.writeArrayFieldStart("result");
        for (SampleLabel l : image.labels()) {
            LabelStudioWriter.writeRectangle(out, l.id(), l.key().label(), l.box().clipTo(image.width(), image.height()),
                    l.score(), image.width(), image.height());
        }
        out.writeEndArray();
        out.writeEndObject();
        out.writeEndArray();
        out.writeEndObject();
    }

    private static ObjectNode coco(ReviewSample sample, Set<String> labels) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("info").put("description", "autolabel review sample " + sample.sampleId() + " of run " + sample.runId());
        Map<String, Integer> categories = new LinkedHashMap<>();
        ArrayNode cats = root.putArray("categories");
        for (String label : labels) {
            categories.put(label, categories.size() + 1);
            cats.addObject().put("id", categories.get(label)).put("name", label);
        }
        ArrayNode images = root.putArray("images");
        ArrayNode annotations = root.putArray("annotations");
        int imageId = 0;
        for (SampleImage image : sample.images()) {
            imageId++;
            images.addObject().put("id", imageId).put("file_name", image.uri()).put("width", image.width())
                    .put("height", image.height()).put("autolabel_image_id", image.imageId())
                    .put("autolabel_row", image.row());
            for (SampleLabel l : image.labels()) {
                var b = l.box().clipTo(image.width(), image.height());
                ObjectNode a = annotations.addObject().put("id", annotations.size() + 1).put("image_id", imageId)
                        .put("category_id", categories.get(l.key().label()));
                a.putArray("bbox").add(b.x1()).add(b.y1()).add(b.width()).add(b.height());
                a.put("area", b.area()).put("iscrowd", 0).put("score", l.score());
                ObjectNode attributes = a.putObject("attributes").put("source", l.key().source().wireName())
                        .put("autolabel_label_id", l.id());
                if (l.sampled()) {
                    attributes.put("sample_weight", sample.strataByClass().get(l.key()).weight(l.band()));
                }
            }
        }
        return root;
    }
}
