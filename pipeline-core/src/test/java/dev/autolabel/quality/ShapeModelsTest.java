package dev.autolabel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.detect.Box;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.image.RgbImage;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.labeling.EmbeddingsLoader;
import dev.autolabel.labeling.ModelLocator;
import dev.autolabel.labeling.PassDetectorFactory;
import dev.autolabel.labeling.PassDetectors;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.LocalBlobStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's open-vocabulary model is conditioned on the text, through our adapter: a colour-and-shape prompt
 * finds objects of that colour and shape, not the same shape in another colour (test set, 300 images).
 */
class ShapeModelsTest {

    private record Truth(Box box, String shape, String colour) {
    }

    @Test
    void aColourAndShapePromptFindsThatColourNotTheSameShapeInAnother() throws Exception {
        AutolabelConfig bench = QualityBenchmarkTest.benchConfig();
        AutolabelConfig config = ConfigLoader.load(QualityBenchmarkTest.CONFIG, Map.of(
                "precision.model", bench.precision().model().location(),
                "open-vocab.model", bench.openVocab().orElseThrow().model().location(),
                "open-vocab.embeddings-file", bench.openVocab().orElseThrow().embeddingsFile().orElseThrow(),
                "open-vocab.prompts", "[\"red circle\", \"blue circle\"]", "open-vocab.threshold", "0.3"));
        JsonNode coco = new ObjectMapper().readTree(QualityBenchmarkTest.TEST_SET.resolve("instances.json").toFile());
        Map<Long, List<Truth>> truths = truths(coco);
        Map<String, int[]> hits = new HashMap<>(); // prompt -> {on its colour, on another colour}
        int redCircles = 0;
        try (BlobStore store = new LocalBlobStore(1 << 20)) {
            PassDetectors passes = PassDetectorFactory.create(config,
                    Optional.of(EmbeddingsLoader.load(store, config.openVocab().orElseThrow())), new ModelLocator(store),
                    config.execution());
            ImageIoDecoder decoder = new ImageIoDecoder(config.image());
            for (JsonNode image : coco.get("images")) {
                String file = QualityBenchmarkTest.TEST_SET.resolve(image.get("file_name").asText()).toString();
                RgbImage rgb = decoder.decode(store.readAll(file), file);
                List<LabeledDetection> found = passes.openVocabPass().orElseThrow()
                        .filter(passes.openVocab().orElseThrow().detect(List.of(rgb)).get(0), rgb.width(), rgb.height()).kept();
                List<Truth> here = truths.getOrDefault(image.get("id").asLong(), List.of());
                redCircles += (int) here.stream().filter(t -> t.shape().equals("circle") && t.colour().equals("red")).count();
                for (LabeledDetection d : found) {
                    String colour = d.label().split(" ")[0];
                    here.stream().filter(t -> t.shape().equals("circle") && t.box().iou(d.box()) >= 0.5f).findFirst()
                            .ifPresent(t -> hits.computeIfAbsent(d.label(), k -> new int[2])[t.colour().equals(colour) ? 0 : 1]++);
                }
            }
        }
        for (String prompt : List.of("red circle", "blue circle")) {
            int[] h = hits.getOrDefault(prompt, new int[2]);
            assertTrue(h[0] >= 20 && h[0] >= 5 * h[1], prompt + ": " + h[0] + " on its colour, " + h[1] + " on another");
        }
        assertTrue(hits.get("red circle")[0] >= 0.5 * redCircles, "finds most red circles: " + hits.get("red circle")[0]
                + " of " + redCircles);
        assertEquals(2, hits.size());
    }

    private static Map<Long, List<Truth>> truths(JsonNode coco) {
        Map<Integer, String> names = new HashMap<>();
        coco.get("categories").forEach(c -> names.put(c.get("id").asInt(), c.get("name").asText()));
        Map<Long, List<Truth>> truths = new HashMap<>();
        for (JsonNode a : coco.get("annotations")) {
            JsonNode b = a.get("bbox");
            Box box = new Box(b.get(0).floatValue(), b.get(1).floatValue(), b.get(0).floatValue() + b.get(2).floatValue(),
                    b.get(1).floatValue() + b.get(3).floatValue());
            truths.computeIfAbsent(a.get("image_id").asLong(), k -> new ArrayList<>())
                    .add(new Truth(box, names.get(a.get("category_id").asInt()), a.at("/attributes/colour").asText()));
        }
        return truths;
    }
}
