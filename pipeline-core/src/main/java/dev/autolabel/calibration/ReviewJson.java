package dev.autolabel.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autolabel.detect.Box;
import dev.autolabel.label.Source;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of review samples and review sets (files under a run's {@code reviews/}); each drawn label carries
 * its sampling weight (labels of its band / labels drawn from it), for readers of the file. Scores and boxes are
 * written as the shortest decimal that reads back to the same float, so a file round-trips exactly; the bytes of a
 * sample depend only on the sample, so drawing it again writes the same file.
 */
public final class ReviewJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String SAMPLE_FORMAT = "autolabel-review-sample/1";
    static final String SET_FORMAT = "autolabel-review-set/1";

    private ReviewJson() {
    }

    public static byte[] write(ReviewSample sample) throws IOException {
        ObjectNode root = sampleNode(sample);
        root.put("format", SAMPLE_FORMAT);
        return JSON.writeValueAsBytes(root);
    }

    public static ReviewSample readSample(byte[] bytes, String source) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        requireFormat(root, SAMPLE_FORMAT, source);
        return sample(root);
    }

    public static byte[] write(ReviewSet set) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", SET_FORMAT).put("name", set.name()).put("imported_at", set.importedAt().toString());
        root.putObject("source").put("kind", set.sourceKind()).put("file", set.sourceFile()).put("sha256", set.sourceSha256());
        root.put("review_iou", set.reviewIou());
        root.set("sample", sampleNode(set.sample()));
        ArrayNode reviews = root.putArray("reviews");
        for (ImageReview r : set.reviews()) {
            ObjectNode node = reviews.addObject().put("row", r.row());
            ObjectNode verdicts = node.putObject("verdicts");
            r.verdicts().forEach((id, v) -> verdicts.put(id, v.wireName()));
            ObjectNode missed = node.putObject("missed");
            r.missed().forEach(missed::put);
        }
        return JSON.writeValueAsBytes(root);
    }

    public static ReviewSet readSet(byte[] bytes, String source) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        requireFormat(root, SET_FORMAT, source);
        List<ImageReview> reviews = new ArrayList<>();
        for (JsonNode r : root.path("reviews")) {
            Map<String, Verdict> verdicts = new TreeMap<>();
            r.path("verdicts").fields().forEachRemaining(e -> verdicts.put(e.getKey(), Verdict.fromWireName(e.getValue().asText())));
            Map<String, Integer> missed = new TreeMap<>();
            r.path("missed").fields().forEachRemaining(e -> missed.put(e.getKey(), e.getValue().asInt()));
            reviews.add(new ImageReview(r.path("row").asLong(), verdicts, missed));
        }
        JsonNode src = root.path("source");
        try {
            return new ReviewSet(root.path("name").asText(), Instant.parse(root.path("imported_at").asText()),
                    src.path("kind").asText(), src.path("file").asText(), src.path("sha256").asText(),
                    root.path("review_iou").asDouble(), sample(root.path("sample")), reviews);
        } catch (RuntimeException e) {
            throw new IOException(source + " is not a valid review set: " + e.getMessage(), e);
        }
    }

    private static void requireFormat(JsonNode root, String format, String source) throws IOException {
        if (root == null || !format.equals(root.path("format").asText())) {
            throw new IOException(source + " is not a " + format + " file");
        }
    }

    private static ObjectNode sampleNode(ReviewSample s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("sample_id", s.sampleId()).put("run_id", s.runId()).put("run_dir", s.runDir()).put("seed", s.seed())
                .put("per_class", s.perClass()).put("bands", s.bands());
        ArrayNode classes = root.putArray("classes");
        for (ClassStrata c : s.classes()) {
            ObjectNode node = classes.addObject().put("pass", c.key().source().wireName()).put("label", c.key().label());
            c.histogram().forEach(node.putArray("histogram")::add);
            c.bandStarts().forEach(node.putArray("band_starts")::add);
            c.sampleSizes().forEach(node.putArray("sample_sizes")::add);
        }
        ArrayNode images = root.putArray("images");
        Map<ClassKey, ClassStrata> strata = s.strataByClass();
        for (SampleImage image : s.images()) {
            ObjectNode node = images.addObject().put("row", image.row()).put("image_id", image.imageId())
                    .put("uri", image.uri()).put("width", image.width()).put("height", image.height());
            ArrayNode labels = node.putArray("labels");
            for (SampleLabel l : image.labels()) {
                ObjectNode label = labels.addObject().put("id", l.id()).put("detection", l.detection())
                        .put("pass", l.key().source().wireName()).put("label", l.key().label()).put("score", l.score());
                ArrayNode box = label.putArray("box");
                box.add(l.box().x1()).add(l.box().y1()).add(l.box().x2()).add(l.box().y2());
                label.put("band", l.band()).put("sampled", l.sampled());
                if (l.sampled()) {
                    label.put("weight", strata.get(l.key()).weight(l.band()));
                }
            }
        }
        return root;
    }

    private static ReviewSample sample(JsonNode root) {
        List<ClassStrata> classes = new ArrayList<>();
        for (JsonNode c : root.path("classes")) {
            List<Long> histogram = new ArrayList<>();
            c.path("histogram").forEach(v -> histogram.add(v.asLong()));
            List<Integer> starts = new ArrayList<>();
            c.path("band_starts").forEach(v -> starts.add(v.asInt()));
            List<Integer> sizes = new ArrayList<>();
            c.path("sample_sizes").forEach(v -> sizes.add(v.asInt()));
            classes.add(new ClassStrata(key(c), histogram, starts, sizes));
        }
        List<SampleImage> images = new ArrayList<>();
        for (JsonNode i : root.path("images")) {
            List<SampleLabel> labels = new ArrayList<>();
            for (JsonNode l : i.path("labels")) {
                JsonNode b = l.path("box");
                labels.add(new SampleLabel(l.path("id").asText(), l.path("detection").asInt(), key(l),
                        (float) l.path("score").asDouble(), new Box((float) b.get(0).asDouble(), (float) b.get(1).asDouble(),
                                (float) b.get(2).asDouble(), (float) b.get(3).asDouble()),
                        l.path("band").asInt(), l.path("sampled").asBoolean()));
            }
            images.add(new SampleImage(i.path("row").asLong(), i.path("image_id").asText(), i.path("uri").asText(),
                    i.path("width").asInt(), i.path("height").asInt(), labels));
        }
        return new ReviewSample(root.path("sample_id").asText(), root.path("run_id").asText(),
                root.path("run_dir").asText(), root.path("seed").asLong(), root.path("per_class").asInt(),
                root.path("bands").asInt(), classes, images);
    }

    private static ClassKey key(JsonNode node) {
        return new ClassKey(Source.fromWireName(node.path("pass").asText()), node.path("label").asText());
    }
}
