package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.autolabel.calibration.LabelStudioExport;
import dev.autolabel.detect.Box;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import java.io.IOException;
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
 */
final class LabelStudioWriter implements ImageSink {

    private final Path file;
    private final Path config;
    private final JsonGenerator out;
    private final String modelVersion;
    private final Set<String> labels = new TreeSet<>();

    /** {@code knownLabels}: labels to offer in the labeling config even if no written task uses them. */
    LabelStudioWriter(Path dir, String modelVersion, Set<String> knownLabels) throws IOException {
        this.file = dir.resolve("tasks.json");
        this.config = dir.resolve("labeling-config.xml");
        this.modelVersion = requireNonNull(modelVersion, "modelVersion");
        this.labels.addAll(knownLabels);
        this.out = Json.generator(file);
        out.writeStartArray();
    }

    @Override
    public void write(LabeledImage image) throws IOException {
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
        labels.add(d.label());
        writeRectangle(out, id, d.label(), d.box(), d.score(), width, height);
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
        out.writeEndArray();
        out.close();
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
        Json.closeUnfinished(out);
    }

    @Override
    public List<Path> files() {
        return List.of(file, config);
    }
}
