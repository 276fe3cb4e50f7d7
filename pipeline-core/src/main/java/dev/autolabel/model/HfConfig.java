package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What autolabel reads from a Hugging Face export's {@code config.json}: the {@code model_type} (which decoder and
 * preprocessing), {@code id2label} (class names by id) and the vision input size where the config states one.
 */
public record HfConfig(String modelType, List<String> id2label, int imageSize) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public HfConfig {
        requireNonNull(modelType, "modelType");
        id2label = List.copyOf(requireNonNull(id2label, "id2label"));
    }

    public static HfConfig read(InputStream in, String sourceName) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IOException(sourceName + " is not a JSON object (expected a Hugging Face config.json)");
        }
        String type = root.path("model_type").asText("");
        int size = root.path("vision_config").path("image_size").asInt(root.path("image_size").asInt(0));
        return new HfConfig(type, labels(root.path("id2label")), size);
    }

    /** {@code {"0": "N/A", "1": "person"}} as a list by id; ids missing from the map get {@code class_<i>}. */
    private static List<String> labels(JsonNode map) {
        TreeMap<Integer, String> byId = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                byId.put(Integer.parseInt(e.getKey().strip()), e.getValue().asText());
            } catch (NumberFormatException ignored) {
                // not an id: not a label either
            }
        }
        List<String> out = new ArrayList<>();
        if (!byId.isEmpty()) {
            for (int i = 0; i <= byId.lastKey(); i++) {
                out.add(byId.getOrDefault(i, "class_" + i));
            }
        }
        return out;
    }

    public Optional<Integer> imageSizeIfStated() {
        return imageSize > 0 ? Optional.of(imageSize) : Optional.empty();
    }
}
