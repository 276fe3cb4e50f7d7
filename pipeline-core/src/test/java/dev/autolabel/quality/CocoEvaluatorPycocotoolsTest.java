package dev.autolabel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.detect.Box;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test against pycocotools: each committed case (ground truth and detections, written by
 * {@code src/test/fixtures/coco-eval/make_cases.py}) was evaluated once by the unmodified pycocotools
 * ({@code pycocotools_expected.py}, results in {@code expected.json}); {@link CocoEvaluator} must give the same
 * twelve summary numbers and the same AP per category, to 1e-9.
 */
class CocoEvaluatorPycocotoolsTest {

    static final Path DATA = Path.of("src", "test", "resources", "quality", "coco-eval").toAbsolutePath();
    private static final double TOLERANCE = 1e-9;
    private static final String[] STATS = {"AP", "AP50", "AP75", "AP small", "AP medium", "AP large", "AR1", "AR10",
        "AR100", "AR small", "AR medium", "AR large"};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The case names: cases/NAME.json. */
    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(DATA.resolve("cases"))) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - ".json".length())).sorted().toList().stream();
        }
    }

    private static JsonNode expected;

    @BeforeAll
    static void readExpected() throws IOException {
        expected = JSON.readTree(DATA.resolve("expected.json").toFile()).get("cases");
    }

    @Test
    void everyCaseHasItsPycocotoolsResult() throws IOException {
        Set<String> names = new TreeSet<>(cases().toList());
        Set<String> expectedNames = new TreeSet<>();
        expected.fieldNames().forEachRemaining(expectedNames::add);
        assertEquals(expectedNames, names, "cases/ and expected.json must list the same cases: rerun both scripts");
        assertTrue(names.size() >= 40, "the suite has " + names.size() + " cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPycocotools(String name) throws IOException {
        JsonNode testCase = JSON.readTree(DATA.resolve("cases").resolve(name + ".json").toFile());
        CocoGroundTruth truth = CocoGroundTruth.read(
                new ByteArrayInputStream(JSON.writeValueAsBytes(testCase.get("ground_truth"))), name);
        CocoMetrics metrics = CocoEvaluator.evaluate(truth.imageIds(), truth.categories().keySet(), truth.annotations(),
                detections(testCase.get("detections")));
        JsonNode pycocotools = expected.get(name);

        List<String> differences = new ArrayList<>();
        double[] stats = metrics.stats();
        for (int i = 0; i < STATS.length; i++) {
            compare(STATS[i], pycocotools.get("stats").get(i).asDouble(), stats[i], differences);
        }
        Map<Integer, Double> expectedPerCategory = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pycocotools.get("ap_per_category").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            expectedPerCategory.put(Integer.valueOf(e.getKey()), e.getValue().asDouble());
        }
        assertEquals(expectedPerCategory.keySet(), metrics.apPerCategory().keySet(), "categories evaluated");
        expectedPerCategory.forEach((category, ap) ->
                compare("AP of category " + category, ap, metrics.apPerCategory().get(category), differences));
        assertTrue(differences.isEmpty(), testCase.get("description").asText() + "\n" + String.join("\n", differences));
    }

    private static void compare(String what, double pycocotools, double autolabel, List<String> differences) {
        if (!(Math.abs(pycocotools - autolabel) <= TOLERANCE)) {
            differences.add(what + ": pycocotools " + pycocotools + ", autolabel " + autolabel);
        }
    }

    /**
     * The float corners a detection had: the cases write corners that are floats and their exact differences, so
     * x + width, added in double precision, is the corner again.
     */
    private static Box corners(double x, double y, double width, double height) {
        return new Box((float) x, (float) y, (float) (x + width), (float) (y + height));
    }

    /** COCO results ({@code image_id, category_id, bbox, score}), in file order. */
    static List<ScoredBox> detections(JsonNode results) {
        List<ScoredBox> out = new ArrayList<>();
        for (JsonNode d : results) {
            JsonNode b = d.get("bbox");
            out.add(new ScoredBox(d.get("image_id").asLong(), d.get("category_id").asInt(),
                    corners(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()),
                    (float) d.get("score").asDouble()));
        }
        return out;
    }
}
