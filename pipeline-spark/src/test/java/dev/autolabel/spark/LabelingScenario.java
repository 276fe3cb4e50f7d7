package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;

/**
 * A small labeling run with known answers: generated images with coloured rectangles at known places, a
 * manifest (with an extra field, a missing object and a corrupt object), the config text for the fixture models,
 * and the check of the output rows against the truth. Pass 1 (yolo fixture) is configured to be unsure about
 * yellow, so yellow rectangles must come from pass 2 (gap-fill) while pass-2 "red thing" boxes are dropped.
 */
public final class LabelingScenario {

    /** Input pixels are 64 for the fixture models: one input pixel is about 200/64 original pixels. */
    private static final float TOLERANCE = 8f;

    public record Truth(String label, String source, int x1, int y1, int x2, int y2) {
    }

    public record Image(String id, String key, byte[] bytes, List<Truth> truths) {
    }

    private final List<Image> images = new ArrayList<>();

    public LabelingScenario(int count) {
        for (int i = 0; i < count; i++) {
            int dx = (i * 7) % 40;
            int dy = (i * 5) % 30;
            TestImages.Canvas canvas = TestImages.canvas(200, 150, new Color(114, 114, 114))
                    .fill(10 + dx, 20 + dy, 60 + dx, 80 + dy, Color.RED);
            List<Truth> truths = new ArrayList<>(List.of(new Truth("red", "precise", 10 + dx, 20 + dy, 60 + dx, 80 + dy)));
            if (i % 2 == 1) {
                canvas = canvas.fill(120, 40 + dy, 180, 100 + dy, Color.YELLOW);
                truths.add(new Truth("yellow", "open_vocab", 120, 40 + dy, 180, 100 + dy));
            }
            boolean png = i % 3 == 0;
            String key = String.format("photos/img %03d%s", i, png ? ".png" : ".jpg");
            images.add(new Image("img-" + i, key, png ? canvas.png() : canvas.jpeg(95), truths));
        }
    }

    public List<Image> images() {
        return images;
    }

    /** Objects to place next to the images: a corrupt "image" (an HTML error page). */
    public Map<String, byte[]> extraObjects() {
        return Map.of("photos/corrupt.jpg", "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8));
    }

    /** JSONL manifest: every image, plus a missing object and the corrupt one; {@code uriOf} maps key to URI. */
    public String manifestJsonl(Function<String, String> uriOf) {
        StringBuilder b = new StringBuilder();
        for (Image image : images) {
            b.append(String.format("{\"id\": \"%s\", \"uri\": \"%s\", \"camera\": \"cam-%s\"}%n", image.id(),
                    uriOf.apply(image.key()), image.id().hashCode() % 2 == 0 ? "a" : "b"));
        }
        b.append(String.format("{\"id\": \"missing\", \"uri\": \"%s\", \"camera\": \"x\"}%n", uriOf.apply("photos/nope.jpg")));
        b.append(String.format("{\"id\": \"corrupt\", \"uri\": \"%s\", \"camera\": \"x\"}%n", uriOf.apply("photos/corrupt.jpg")));
        return b.toString();
    }

    public int manifestRows() {
        return images.size() + 2;
    }

    /** Config text (HOCON) for the fixture models at the given locations. */
    public static String config(String manifestUri, String output, String yoloModel, String openVocabModel,
            String embeddings, int imagesPerShard, String extra) {
        return String.join("\n",
                "autolabel {",
                "  run { output = " + q(output) + ", images-per-shard = " + imagesPerShard + ", progress-interval = 1s }",
                "  manifest.uri = " + q(manifestUri),
                "  execution.batch-size = 3",
                "  precision { model = " + q(yoloModel) + ", threshold = 0.6, class-thresholds { yellow = 1.0 } }",
                "  open-vocab { model = " + q(openVocabModel) + ", embeddings-file = " + q(embeddings) + ",",
                "    prompts = [ { label = yellow, texts = [\"yellow thing\"] }, { label = red, texts = [\"red thing\"] } ],",
                "    threshold = 0.3 }",
                extra,
                "}");
    }

    public static String localConfig(String manifestUri, String output, int imagesPerShard) {
        return config(manifestUri, output, FixtureModels.yolo().toString(), FixtureModels.openVocab().toString(),
                FixtureModels.embeddingsFile().toString(), imagesPerShard, "");
    }

    /** Checks every manifest row is present exactly once with the expected detections or error code. */
    public void verify(List<Row> rows, String runId) {
        Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(r -> r.getAs("image_id"), Collectors.counting()));
        assertEquals(manifestRows(), rows.size(), "one output row per manifest row");
        counts.forEach((id, n) -> assertEquals(1L, n, "row " + id + " appears once"));
        Map<String, Row> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.getAs("image_id"), r));
        assertFailed(byId.get("missing"), "NOT_FOUND");
        assertFailed(byId.get("corrupt"), "CORRUPT_IMAGE");
        for (Image image : images) {
            Row row = byId.get(image.id());
            assertEquals("OK", row.getAs("status"), image.id() + " labeled");
            assertEquals(runId, row.getAs("run_id"));
            assertEquals(200, (int) row.getAs("width"));
            assertTrue(row.getJavaMap(row.fieldIndex("extra")).containsKey("camera"), "extra fields passed through");
            assertDetections(image, row.getList(row.fieldIndex("detections")));
        }
    }

    private static void assertFailed(Row row, String code) {
        assertEquals("FAILED", row.getAs("status"));
        assertEquals(code, row.getAs("error_code"));
        assertTrue(row.getList(row.fieldIndex("detections")).isEmpty());
    }

    private static void assertDetections(Image image, List<Row> detections) {
        Map<String, Row> byLabel = new LinkedHashMap<>();
        detections.forEach(d -> byLabel.put(d.getAs("label"), d));
        assertEquals(image.truths().size(), detections.size(), image.id() + ": " + detections);
        for (Truth t : image.truths()) {
            Row d = byLabel.get(t.label());
            assertTrue(d != null, image.id() + " has a " + t.label() + " label: " + detections);
            assertEquals(t.source(), d.getAs("source"), image.id() + " " + t.label() + " source");
            assertNear(t.x1(), d.getAs("x1"), image.id());
            assertNear(t.y1(), d.getAs("y1"), image.id());
            assertNear(t.x2(), d.getAs("x2"), image.id());
            assertNear(t.y2(), d.getAs("y2"), image.id());
            if (t.source().equals("open_vocab")) {
                assertEquals("yellow thing", d.getAs("prompt"), "open-vocab labels record the prompt that fired");
            }
        }
    }

    private static void assertNear(int expected, float actual, String id) {
        assertTrue(Math.abs(expected - actual) <= TOLERANCE, id + ": expected ~" + expected + ", got " + actual);
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
