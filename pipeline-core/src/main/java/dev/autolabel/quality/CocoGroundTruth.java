package dev.autolabel.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A COCO detection ground truth ({@code images}, {@code categories}, {@code annotations}). Labels are matched to
 * categories by name: exactly, else ignoring case. Boxes are COCO's {@code [x, y, width, height]} in pixels;
 * {@code area} and {@code iscrowd} are taken as given (area defaults to the box area, iscrowd to 0); boxes keep the
 * JSON's double values (see {@link CocoBox}).
 */
public final class CocoGroundTruth {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<CocoImage> images;
    private final Map<Integer, String> categories;
    private final List<GroundTruthBox> annotations;
    private final Map<String, Integer> categoryByName = new HashMap<>();
    private final Map<String, Integer> categoryByLowerName = new HashMap<>();
    private final Map<String, Long> imageByFileName = new HashMap<>();
    private final Map<String, Long> imageByKey = new HashMap<>();

    public CocoGroundTruth(List<CocoImage> images, Map<Integer, String> categories, List<GroundTruthBox> annotations) {
        this.images = List.copyOf(images);
        this.categories = Collections.unmodifiableMap(new TreeMap<>(categories));
        this.annotations = List.copyOf(annotations);
        categories.forEach((id, name) -> {
            if (categoryByName.put(name, id) != null) {
                throw new IllegalArgumentException("two categories are named '" + name + "'");
            }
            categoryByLowerName.putIfAbsent(name.toLowerCase(Locale.ROOT), id);
        });
        Set<Long> ids = new TreeSet<>();
        for (CocoImage image : this.images) {
            if (!ids.add(image.id())) {
                throw new IllegalArgumentException("image id " + image.id() + " appears twice");
            }
            imageByFileName.putIfAbsent(image.fileName(), image.id());
            for (String key : List.of(image.baseName(), stem(image.baseName()), Long.toString(image.id()))) {
                imageByKey.putIfAbsent(key, image.id());
            }
        }
        for (GroundTruthBox g : this.annotations) {
            if (!ids.contains(g.imageId()) || !categories.containsKey(g.categoryId())) {
                throw new IllegalArgumentException("annotation on image " + g.imageId() + ", category " + g.categoryId()
                        + " refers to an image or category the file does not list");
            }
        }
    }

    /** Reads a COCO instances JSON; {@code source} names it in error messages. */
    public static CocoGroundTruth read(InputStream in, String source) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (root == null || !root.path("images").isArray() || !root.path("categories").isArray()
                || !root.path("annotations").isArray()) {
            throw new IOException("ground truth " + source + " must be a COCO JSON object with images, categories and annotations arrays");
        }
        try {
            List<CocoImage> images = new ArrayList<>();
            for (JsonNode i : root.get("images")) {
                images.add(new CocoImage(required(i, "id").asLong(), required(i, "file_name").asText(),
                        required(i, "width").asInt(), required(i, "height").asInt()));
            }
            Map<Integer, String> categories = new LinkedHashMap<>();
            for (JsonNode c : root.get("categories")) {
                categories.put(required(c, "id").asInt(), required(c, "name").asText());
            }
            List<GroundTruthBox> boxes = new ArrayList<>();
            for (JsonNode a : root.get("annotations")) {
                boxes.add(annotation(a));
            }
            return new CocoGroundTruth(images, categories, boxes);
        } catch (IllegalArgumentException e) {
            throw new IOException("ground truth " + source + ": " + e.getMessage(), e);
        }
    }

    private static GroundTruthBox annotation(JsonNode a) {
        JsonNode bbox = required(a, "bbox");
        if (!bbox.isArray() || bbox.size() != 4) {
            throw new IllegalArgumentException("annotation " + a.path("id") + ": bbox must be [x, y, width, height]");
        }
        CocoBox box = new CocoBox(bbox.get(0).asDouble(), bbox.get(1).asDouble(), bbox.get(2).asDouble(),
                bbox.get(3).asDouble());
        double area = a.has("area") ? a.get("area").asDouble() : box.area();
        return new GroundTruthBox(required(a, "image_id").asLong(), required(a, "category_id").asInt(), box,
                a.path("iscrowd").asInt(0) == 1, area);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("an entry lacks \"" + field + "\": " + node);
        }
        return v;
    }

    public List<CocoImage> images() {
        return images;
    }

    /** Category names by id. */
    public Map<Integer, String> categories() {
        return categories;
    }

    public List<GroundTruthBox> annotations() {
        return annotations;
    }

    public Set<Long> imageIds() {
        Set<Long> ids = new TreeSet<>();
        images.forEach(i -> ids.add(i.id()));
        return ids;
    }

    /** The category a label counts as: the one of the same name, else of the same name ignoring case. */
    public Optional<Integer> categoryOf(String label) {
        Integer exact = categoryByName.get(label);
        return Optional.ofNullable(exact != null ? exact : categoryByLowerName.get(label.toLowerCase(Locale.ROOT)));
    }

    /**
     * The image an output row describes: the row's URI ends with the file name (or its last segment), or its id
     * is the image's file name, file name without extension, or numeric id.
     */
    public Optional<Long> imageFor(String imageId, String uri) {
        for (int from = 0; from >= 0; from = uri.indexOf('/', from) < 0 ? -1 : uri.indexOf('/', from) + 1) {
            Long id = imageByFileName.get(uri.substring(from));
            if (id != null) {
                return Optional.of(id);
            }
        }
        Long byTail = imageByKey.get(uri.substring(uri.lastIndexOf('/') + 1));
        return Optional.ofNullable(byTail != null ? byTail : imageByKey.get(imageId));
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
