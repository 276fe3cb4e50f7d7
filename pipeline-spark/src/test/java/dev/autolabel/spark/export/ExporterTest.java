package dev.autolabel.spark.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Source;
import dev.autolabel.label.Status;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.storage.LocalBlobStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each export format re-read with Jackson (or as text) and checked against the shards it came from. */
class ExporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double EPS = 1e-4;

    @TempDir
    Path tmp;

    private LocalBlobStore store;
    private RunSource source;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeEach
    void writeRun() throws Exception {
        Path run = SmallRun.write(tmp.resolve("output"));
        store = new LocalBlobStore(1 << 20);
        source = new RunSource(store, RunSource.layoutOf(run.toString()));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private ExportResult export(ExportFormat format, ExportView view, OptionalInt maxPerClass, OptionalInt reviewTop,
            Path out) throws Exception {
        PrintStream lines = new PrintStream(progress, true, StandardCharsets.UTF_8);
        return new Exporter(source, lines, Duration.ZERO)
                .export(new ExportRequest(format, out, view, maxPerClass, reviewTop, "test-model"));
    }

    private ExportResult export(ExportFormat format, Path out) throws Exception {
        return export(format, ExportView.all(), OptionalInt.empty(), OptionalInt.empty(), out);
    }

    /** The OK rows of the run as stored in its shards, in run order. */
    private List<LabeledImage> okRowsInShards() throws Exception {
        List<LabeledImage> rows = new ArrayList<>();
        try (RunReader reader = source.open()) {
            reader.forEachRemaining(r -> {
                if (r.status() == Status.OK) {
                    rows.add(r);
                }
            });
        }
        return rows;
    }

    private static float[] clippedXywh(LabeledDetection d, LabeledImage image) {
        float x1 = Math.max(0, d.box().x1());
        float y1 = Math.max(0, d.box().y1());
        float x2 = Math.min(image.width(), d.box().x2());
        float y2 = Math.min(image.height(), d.box().y2());
        return new float[] {x1, y1, x2 - x1, y2 - y1};
    }

    @Test
    void cocoIdsCategoriesBoxesAndAreasMatchTheShards() throws Exception {
        ExportResult result = export(ExportFormat.COCO, tmp.resolve("coco"));
        JsonNode coco = JSON.readTree(tmp.resolve("coco/coco.json").toFile());

        List<String> names = new ArrayList<>();
        Map<Integer, String> categoryName = new HashMap<>();
        for (JsonNode c : coco.get("categories")) {
            names.add(c.get("name").asText());
            categoryName.put(c.get("id").asInt(), c.get("name").asText());
        }
        assertEquals(List.of("ball", "bike", "car", "person"), names, "categories sorted by name");
        assertEquals(Map.of(1, "ball", 2, "bike", 3, "car", 4, "person"), categoryName, "ids 1..C in name order");

        List<LabeledImage> expected = okRowsInShards();
        JsonNode images = coco.get("images");
        assertEquals(expected.size(), images.size(), "every OK row, no FAILED row");
        assertEquals(5, images.size());
        Map<Integer, LabeledImage> byCocoId = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            JsonNode img = images.get(i);
            LabeledImage row = expected.get(i);
            assertEquals(row.uri(), img.get("file_name").asText());
            assertEquals(row.width(), img.get("width").asInt());
            assertEquals(row.height(), img.get("height").asInt());
            assertEquals(row.imageId(), img.get("autolabel_image_id").asText());
            assertEquals(null, byCocoId.put(img.get("id").asInt(), row), "image ids are unique");
        }

        Map<Integer, List<JsonNode>> annotationsByImage = new HashMap<>();
        Set<Integer> annotationIds = new HashSet<>();
        for (JsonNode a : coco.get("annotations")) {
            assertTrue(annotationIds.add(a.get("id").asInt()), "annotation ids are unique");
            assertTrue(byCocoId.containsKey(a.get("image_id").asInt()), "annotation points at an image");
            annotationsByImage.computeIfAbsent(a.get("image_id").asInt(), k -> new ArrayList<>()).add(a);
        }
        int total = 0;
        for (Map.Entry<Integer, LabeledImage> e : byCocoId.entrySet()) {
            LabeledImage row = e.getValue();
            List<JsonNode> anns = annotationsByImage.getOrDefault(e.getKey(), List.of());
            assertEquals(row.detections().size(), anns.size(), row.imageId());
            for (int k = 0; k < anns.size(); k++) {
                JsonNode a = anns.get(k);
                LabeledDetection d = row.detections().get(k);
                float[] xywh = clippedXywh(d, row);
                for (int j = 0; j < 4; j++) {
                    assertEquals(xywh[j], a.get("bbox").get(j).asDouble(), EPS, row.imageId() + " bbox[" + j + "]");
                }
                assertEquals(xywh[2] * xywh[3], a.get("area").asDouble(), EPS, "area = w * h");
                assertEquals(d.label(), categoryName.get(a.get("category_id").asInt()));
                assertEquals(d.score(), a.get("score").floatValue(), 1e-6);
                assertEquals(0, a.get("iscrowd").asInt());
                assertEquals(d.source().wireName(), a.get("attributes").get("source").asText());
                assertEquals(d.prompt().orElse(null), a.get("attributes").path("prompt").textValue());
                total++;
            }
        }
        assertEquals(7, total);
        assertEquals(new ExportResult(ExportFormat.COCO, 5, 7, List.of(tmp.resolve("coco/coco.json"))), result);
        JsonNode clipped = coco.get("annotations").get(3);
        assertEquals(List.of(150.0, 50.0, 50.0, 50.0), List.of(clipped.get("bbox").get(0).asDouble(),
                clipped.get("bbox").get(1).asDouble(), clipped.get("bbox").get(2).asDouble(), clipped.get("bbox").get(3).asDouble()),
                "b's second car reached past the right and bottom edges: clipped to the image");
        String lines = progress.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("coco pass 1/2 (count labels): shard 2/2"), lines);
        assertTrue(lines.contains("coco pass 2/2 (write): done, 2 shards, 6 rows"), lines);
    }

    @Test
    void filtersByScoreAndSourceDecideWhichLabelsAndCategoriesAreExported() throws Exception {
        export(ExportFormat.COCO, new ExportView(0.5f, Set.of(Source.values())), OptionalInt.empty(), OptionalInt.empty(),
                tmp.resolve("confident"));
        JsonNode confident = JSON.readTree(tmp.resolve("confident/coco.json").toFile());
        assertEquals(List.of("bike", "car"), names(confident.get("categories")));
        assertEquals(5, confident.get("annotations").size());
        assertEquals(5, confident.get("images").size(), "images keep their place even when all labels are filtered out");

        export(ExportFormat.COCO, new ExportView(0f, Set.of(Source.OPEN_VOCAB)), OptionalInt.empty(), OptionalInt.empty(),
                tmp.resolve("open"));
        JsonNode open = JSON.readTree(tmp.resolve("open/coco.json").toFile());
        assertEquals(List.of("ball", "person"), names(open.get("categories")));
        open.get("annotations").forEach(a -> assertEquals("open_vocab", a.get("attributes").get("source").asText()));
    }

    private static List<String> names(JsonNode categories) {
        return StreamSupport.stream(categories.spliterator(), false).map(c -> c.get("name").asText()).toList();
    }

    @Test
    void yoloLabelsAreNormalisedCentreBoxesWithClassIdsByName() throws Exception {
        Path out = tmp.resolve("yolo");
        ExportResult result = export(ExportFormat.YOLO, out);
        assertEquals(List.of("ball", "bike", "car", "person"), Files.readAllLines(out.resolve("classes.txt")));
        // a: car (10,20)-(110,220) in 640x480 -> centre (60, 120), size 100x200; ball (300,100)-(340,140).
        assertEquals(List.of("2 0.093750 0.250000 0.156250 0.416667", "0 0.500000 0.250000 0.062500 0.083333"),
                Files.readAllLines(out.resolve("labels/a.txt")));
        // b's second car is clipped to (150,50)-(200,100) in 200x100.
        assertEquals(List.of("2 0.125000 0.250000 0.250000 0.500000", "2 0.875000 0.750000 0.250000 0.500000"),
                Files.readAllLines(out.resolve("labels/b.txt")));
        assertEquals("", Files.readString(out.resolve("labels/d.txt")), "an image without labels is a background image");
        assertEquals(List.of("1 0.200000 0.250000 0.200000 0.300000", "3 0.600000 0.466667 0.200000 0.933333"),
                Files.readAllLines(out.resolve("labels/cam_1_e.jpg.txt")), "unsafe id characters become '_'");
        assertEquals(List.of("2 0.500000 0.500000 0.800000 0.750000"), Files.readAllLines(out.resolve("labels/a-2.txt")),
                "the second image with id 'a' gets its own file");
        try (var files = Files.list(out.resolve("labels"))) {
            assertEquals(5, files.count(), "one label file per OK row");
        }
        List<String> index = Files.readAllLines(out.resolve("images.csv"));
        assertEquals("label_file,image_id,uri,width,height", index.get(0));
        assertEquals("labels/cam_1_e.jpg.txt,cam 1/e.jpg,s3://photos/cam 1/e.jpg.jpg,300,300", index.get(4));
        String yaml = Files.readString(out.resolve("data.yaml"));
        assertTrue(yaml.contains("nc: 4") && yaml.contains("  0: \"ball\"") && yaml.contains("  3: \"person\""), yaml);
        assertEquals(5, result.images());
        assertEquals(7, result.boxes());
    }

    @Test
    void yoloRefusesAFolderThatAlreadyHoldsLabels() throws Exception {
        Path out = tmp.resolve("yolo");
        export(ExportFormat.YOLO, out);
        assertThrows(IllegalArgumentException.class, () -> export(ExportFormat.YOLO, out));
    }

    @Test
    void labelStudioTasksFollowTheDocumentedImportFormat() throws Exception {
        Path out = tmp.resolve("ls");
        export(ExportFormat.LABEL_STUDIO, out);
        JsonNode tasks = JSON.readTree(out.resolve("tasks.json").toFile());
        List<LabeledImage> rows = okRowsInShards();
        assertTrue(tasks.isArray());
        assertEquals(rows.size(), tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            assertTask(tasks.get(i), rows.get(i));
        }
        String config = Files.readString(out.resolve("labeling-config.xml"));
        assertTrue(config.contains("<Image name=\"image\" value=\"$image\"/>"), config);
        assertTrue(config.contains("<RectangleLabels name=\"label\" toName=\"image\">"), config);
        for (String label : List.of("ball", "bike", "car", "person")) {
            assertTrue(config.contains("<Label value=\"" + label + "\"/>"), config);
        }
    }

    /** One task checked field by field against Label Studio's pre-annotation format and the stored row. */
    private static void assertTask(JsonNode task, LabeledImage row) {
        assertEquals(row.uri(), task.get("data").get("image").asText());
        assertEquals(row.imageId(), task.get("data").get("image_id").asText());
        JsonNode prediction = task.get("predictions").get(0);
        assertEquals(1, task.get("predictions").size());
        assertEquals("test-model", prediction.get("model_version").asText());
        assertEquals(1 - row.uncertainty(), prediction.get("score").asDouble(), EPS, "score = 1 - uncertainty");
        JsonNode result = prediction.get("result");
        assertEquals(row.detections().size(), result.size());
        Set<String> ids = new HashSet<>();
        for (int k = 0; k < result.size(); k++) {
            JsonNode r = result.get(k);
            LabeledDetection d = row.detections().get(k);
            assertTrue(ids.add(r.get("id").asText()), "region ids are unique within a task");
            assertEquals("rectanglelabels", r.get("type").asText());
            assertEquals("label", r.get("from_name").asText());
            assertEquals("image", r.get("to_name").asText());
            assertEquals(row.width(), r.get("original_width").asInt());
            assertEquals(row.height(), r.get("original_height").asInt());
            assertEquals(0, r.get("image_rotation").asInt());
            JsonNode v = r.get("value");
            double x = v.get("x").asDouble();
            double y = v.get("y").asDouble();
            double w = v.get("width").asDouble();
            double h = v.get("height").asDouble();
            for (double p : new double[] {x, y, w, h}) {
                assertTrue(p >= 0 && p <= 100, "percentages are in [0, 100]: " + v);
            }
            assertTrue(x + w <= 100 + EPS && y + h <= 100 + EPS, "the box stays inside the image: " + v);
            float[] xywh = clippedXywh(d, row);
            assertEquals(xywh[0], x / 100 * row.width(), 1e-3, "pixel_x = x / 100 * original_width");
            assertEquals(xywh[1], y / 100 * row.height(), 1e-3);
            assertEquals(xywh[2], w / 100 * row.width(), 1e-3);
            assertEquals(xywh[3], h / 100 * row.height(), 1e-3);
            assertEquals(0, v.get("rotation").asInt());
            assertEquals(List.of(d.label()), List.of(v.get("rectanglelabels").get(0).asText()));
            assertEquals(1, v.get("rectanglelabels").size());
            assertEquals(d.score(), r.get("score").floatValue(), 1e-6);
        }
    }

    @Test
    void theReviewQueueHoldsTheKMostUncertainImagesMostUncertainFirst() throws Exception {
        Path out = tmp.resolve("review");
        ExportResult result = export(ExportFormat.LABEL_STUDIO, ExportView.all(), OptionalInt.empty(), OptionalInt.of(3), out);
        JsonNode tasks = JSON.readTree(out.resolve("tasks.json").toFile());
        List<String> ids = StreamSupport.stream(tasks.spliterator(), false).map(t -> t.get("data").get("image_id").asText()).toList();
        assertEquals(List.of("cam 1/e.jpg", "a", "d"), ids, "uncertainty 0.9, 0.7, 0.25; b (0.2) and f (0) left out");
        List<LabeledImage> rows = okRowsInShards();
        for (JsonNode t : tasks) { // two rows share id and URI "a": tell them apart by their score too
            LabeledImage row = rows.stream().filter(r -> r.uri().equals(t.get("data").get("image").asText())
                    && Math.abs(r.uncertainty() - t.get("data").get("uncertainty").asDouble()) < EPS).findFirst().orElseThrow();
            assertTask(t, row);
        }
        assertEquals(3, result.images());
        String config = Files.readString(out.resolve("labeling-config.xml"));
        assertTrue(config.contains("<Label value=\"car\"/>") && config.contains("<Label value=\"ball\"/>"),
                "every label of the run is offered to the reviewer, not only those in the queue: " + config);
        assertFalse(progress.toString(StandardCharsets.UTF_8).contains("count labels"), "one pass: no class list needed");
    }

    @Test
    void aBalancedExportRespectsTheCapPerClass() throws Exception {
        Path out = tmp.resolve("balanced");
        ExportResult result = export(ExportFormat.COCO, ExportView.all(), OptionalInt.of(1), OptionalInt.empty(), out);
        JsonNode coco = JSON.readTree(out.resolve("coco.json").toFile());
        Map<Integer, Set<Integer>> imagesPerCategory = new HashMap<>();
        coco.get("annotations").forEach(a -> imagesPerCategory.computeIfAbsent(a.get("category_id").asInt(), k -> new HashSet<>())
                .add(a.get("image_id").asInt()));
        imagesPerCategory.forEach((category, images) -> assertTrue(images.size() <= 1, "category " + category + ": " + images));
        // Rarest first: ball (1 image: a), bike (e), person (e) and car (a, b, f): a serves ball and fills car; e serves
        // bike and person; b and f only carry car, which is full; d has no labels.
        List<String> ids = StreamSupport.stream(coco.get("images").spliterator(), false)
                .map(i -> i.get("autolabel_image_id").asText()).toList();
        assertEquals(List.of("a", "cam 1/e.jpg"), ids);
        assertEquals(2, result.images());
        String lines = progress.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("pass 2/3 (select a balanced subset)") && lines.contains("pass 3/3 (write)"), lines);
    }
}
