package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.detect.Box;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Label Studio's JSON export of review-sample tasks into each reviewed image's final boxes. Format (Label
 * Studio docs, "Label Studio JSON format of annotated tasks" and the RectangleLabels tag): an array of tasks, each
 * with the {@code data} it was imported with (here {@code autolabel_sample} and {@code autolabel_row}) and
 * {@code annotations}; an annotation has {@code result} regions, {@code was_cancelled} (skipped),
 * {@code ground_truth} and {@code updated_at}. A region has {@code id} (kept from the prediction when the reviewer
 * kept the predicted box: "when a prediction is used to create an annotation, the result IDs stay the same"),
 * {@code type} "rectanglelabels", {@code from_name} (the control), {@code original_width}/{@code original_height}
 * (pixels), {@code image_rotation} and {@code value} {x, y, width, height (percent of the image), rotation (degrees,
 * about the top-left corner), rectanglelabels}.
 *
 * <p>Per task the annotation used is the one marked ground truth, else the latest by {@code updated_at}, among those
 * not cancelled; a task with none was not reviewed. A rotated box counts by its axis-aligned envelope.
 */
public final class LabelStudioExport {

    /** The control tag of the review labeling config, whose regions are the reviewed boxes. */
    public static final String CONTROL = "label";

    /** The reviewed images' final boxes by row, plus counts of tasks without a usable annotation. */
    public record Reviewed(Map<Long, List<FinalRegion>> regions, int tasks, int notReviewed) {

        public Reviewed {
            regions = new LinkedHashMap<>(requireNonNull(regions, "regions"));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelStudioExport() {
    }

    public static Reviewed read(InputStream in, String source, ReviewSample sample) throws IOException {
        JsonNode tasks = JSON.readTree(in);
        if (tasks == null || !tasks.isArray()) {
            throw new IOException(source + " is not a Label Studio JSON export (an array of tasks)");
        }
        Map<Long, List<FinalRegion>> regions = new LinkedHashMap<>();
        int notReviewed = 0;
        for (JsonNode task : tasks) {
            SampleImage image = imageOf(task, source, sample);
            Optional<JsonNode> annotation = chosenAnnotation(task);
            if (annotation.isEmpty()) {
                notReviewed++;
                continue;
            }
            if (regions.put(image.row(), regions(annotation.get(), image, where(task, source))) != null) {
                throw new IOException(where(task, source) + ": a second task for sampled row " + image.row());
            }
        }
        return new Reviewed(regions, tasks.size(), notReviewed);
    }

    private static SampleImage imageOf(JsonNode task, String source, ReviewSample sample) throws IOException {
        JsonNode data = task.path("data");
        String sampleId = data.path("autolabel_sample").asText("");
        if (!sampleId.equals(sample.sampleId())) {
            throw new IOException(where(task, source) + " belongs to sample '" + sampleId + "', not '" + sample.sampleId()
                    + "': import the export of the tasks that `review sample` wrote for this sample");
        }
        if (!data.path("autolabel_row").canConvertToLong()) {
            throw new IOException(where(task, source) + " has no data.autolabel_row");
        }
        long row = data.path("autolabel_row").asLong();
        return sample.image(row).orElseThrow(
                () -> new IOException(where(task, source) + ": row " + row + " is not in sample " + sample.sampleId()));
    }

    /** The ground-truth annotation, else the latest updated one, among those not cancelled. */
    private static Optional<JsonNode> chosenAnnotation(JsonNode task) {
        JsonNode best = null;
        for (JsonNode a : task.path("annotations")) {
            if (a.path("was_cancelled").asBoolean(false)) {
                continue;
            }
            if (best == null || better(a, best)) {
                best = a;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean better(JsonNode a, JsonNode best) {
        boolean aTruth = a.path("ground_truth").asBoolean(false);
        boolean bestTruth = best.path("ground_truth").asBoolean(false);
        if (aTruth != bestTruth) {
            return aTruth;
        }
        return !updatedAt(a).isBefore(updatedAt(best));
    }

    private static Instant updatedAt(JsonNode annotation) {
        try {
            return Instant.parse(annotation.path("updated_at").asText(""));
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static List<FinalRegion> regions(JsonNode annotation, SampleImage image, String where) throws IOException {
        List<FinalRegion> out = new ArrayList<>();
        for (JsonNode r : annotation.path("result")) {
            if (!r.path("type").asText("").equals("rectanglelabels") || !r.path("from_name").asText("").equals(CONTROL)) {
                continue;
            }
            String id = r.path("id").asText("");
            JsonNode labels = r.path("value").path("rectanglelabels");
            if (id.isEmpty() || !labels.isArray() || labels.size() != 1) {
                throw new IOException(where + ": a box needs an id and exactly one label, got " + r);
            }
            out.add(new FinalRegion(id, labels.get(0).asText(), box(r, image, where)));
        }
        return out;
    }

    /** The region's box in original pixels: percentages of the image, a rotated box by its envelope. */
    private static Box box(JsonNode r, SampleImage image, String where) throws IOException {
        int width = r.path("original_width").asInt(image.width());
        int height = r.path("original_height").asInt(image.height());
        if (width != image.width() || height != image.height()) {
            throw new IOException(where + ": the reviewed image is " + width + "x" + height + " but the run labeled "
                    + image.imageId() + " at " + image.width() + "x" + image.height());
        }
        if (r.path("image_rotation").asDouble(0) != 0) {
            throw new IOException(where + ": the image was rotated in Label Studio (image_rotation "
                    + r.path("image_rotation").asDouble() + "); review it unrotated");
        }
        JsonNode v = r.path("value");
        double x = v.path("x").asDouble() / 100 * width;
        double y = v.path("y").asDouble() / 100 * height;
        double w = v.path("width").asDouble() / 100 * width;
        double h = v.path("height").asDouble() / 100 * height;
        double angle = Math.toRadians(v.path("rotation").asDouble(0));
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] corner : new double[][] {{0, 0}, {w, 0}, {w, h}, {0, h}}) {
            double cx = x + corner[0] * cos - corner[1] * sin;
            double cy = y + corner[0] * sin + corner[1] * cos;
            minX = Math.min(minX, cx);
            maxX = Math.max(maxX, cx);
            minY = Math.min(minY, cy);
            maxY = Math.max(maxY, cy);
        }
        return new Box((float) minX, (float) minY, (float) maxX, (float) maxY).clipTo(width, height);
    }

    private static String where(JsonNode task, String source) {
        return source + " task " + task.path("id").asText("?");
    }
}
