package dev.autolabel.spark.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autolabel.calibration.ClassKey;
import dev.autolabel.calibration.GroundTruthJudge;
import dev.autolabel.calibration.SampleImage;
import dev.autolabel.calibration.SampleLabel;
import dev.autolabel.calibration.Verdict;
import dev.autolabel.detect.Box;
import dev.autolabel.label.Source;
import dev.autolabel.quality.CocoGroundTruth;
import dev.autolabel.quality.GroundTruthBox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


/**
 * A reviewer who knows the ground truth, working in Label Studio on the tasks `review sample` wrote, and the JSON
 * export Label Studio would give of their work (task format of Label Studio's docs): for each task one submitted
 * annotation whose result keeps the predicted region ids of the boxes the reviewer kept (moved onto the object's true
 * box), relabeled or moved far ({@link GroundTruthJudge#assign}), drops the ones deleted, and adds the missed objects
 * under new ids. Region fields: id, type, from_name, to_name, origin, original_width, original_height, image_rotation,
 * value {x, y, width, height, rotation, rectanglelabels}; annotation fields: id, completed_by, result, was_cancelled,
 * ground_truth, created_at, updated_at, lead_time, task.
 */
final class SimulatedReviewer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SimulatedReviewer() {
    }

    static void export(Path tasksJson, CocoGroundTruth truth, Path exportJson) throws IOException {
        GroundTruthJudge judge = new GroundTruthJudge(truth, 0.5);
        ArrayNode out = JSON.createArrayNode();
        int taskId = 1000;
        int added = 0;
        for (JsonNode task : JSON.readTree(tasksJson.toFile())) {
            taskId++;
            JsonNode data = task.get("data");
            JsonNode predicted = task.get("predictions").get(0).get("result");
            int width = predicted.size() > 0 ? predicted.get(0).get("original_width").asInt() : 0;
            int height = predicted.size() > 0 ? predicted.get(0).get("original_height").asInt() : 0;
            List<SampleLabel> labels = new ArrayList<>();
            for (JsonNode r : predicted) {
                JsonNode v = r.get("value");
                Box box = new Box((float) (v.get("x").asDouble() / 100 * width), (float) (v.get("y").asDouble() / 100 * height),
                        (float) ((v.get("x").asDouble() + v.get("width").asDouble()) / 100 * width),
                        (float) ((v.get("y").asDouble() + v.get("height").asDouble()) / 100 * height));
                labels.add(new SampleLabel(r.get("id").asText(), labels.size(),
                        new ClassKey(Source.PRECISE, v.get("rectanglelabels").get(0).asText()),
                        (float) r.get("score").asDouble(), box, 0, true));
            }
            SampleImage image = new SampleImage(data.get("autolabel_row").asLong(), data.get("image_id").asText(),
                    data.get("image").asText(), Math.max(width, 1), Math.max(height, 1), labels);
            GroundTruthJudge.Assignment a = judge.assign(image).orElseThrow();
            ArrayNode result = JSON.createArrayNode();
            for (SampleLabel l : labels) {
                GroundTruthBox object = a.claimed().get(l.id());
                if (object != null) {
                    Box box = GroundTruthJudge.corners(object.box());
                    String origin = a.verdicts().get(l.id()) == Verdict.CORRECT && box.equals(l.box())
                            ? "prediction" : "prediction-changed";
                    result.add(region(l.id(), truth.categories().get(object.categoryId()), box, width, height, origin));
                }
            }
            for (GroundTruthBox object : a.unclaimed()) {
                result.add(region("add" + (++added), truth.categories().get(object.categoryId()),
                        GroundTruthJudge.corners(object.box()), width, height, "manual"));
            }
            ObjectNode exported = out.addObject().put("id", taskId).put("project", 1);
            exported.set("data", data);
            ObjectNode annotation = exported.putArray("annotations").addObject().put("id", taskId * 10).put("completed_by", 1);
            annotation.set("result", result);
            annotation.put("was_cancelled", false).put("ground_truth", false)
                    .put("created_at", "2026-11-26T08:00:00.000000Z").put("updated_at", "2026-11-26T08:01:00.000000Z")
                    .put("lead_time", 42.0).put("task", taskId);
            exported.set("predictions", task.get("predictions"));
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(exportJson.toFile(), out);
    }

    private static ObjectNode region(String id, String label, Box box, int width, int height, String origin) {
        ObjectNode r = JSON.createObjectNode().put("id", id).put("type", "rectanglelabels").put("from_name", "label")
                .put("to_name", "image").put("origin", origin).put("original_width", width)
                .put("original_height", height).put("image_rotation", 0);
        ObjectNode v = r.putObject("value").put("x", 100.0 * box.x1() / width).put("y", 100.0 * box.y1() / height)
                .put("width", 100.0 * box.width() / width).put("height", 100.0 * box.height() / height).put("rotation", 0);
        v.putArray("rectanglelabels").add(label);
        return r;
    }

}
