package dev.autolabel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.config.OpenVocabSettings;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.model.Prompt;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.LocalBlobStore;
import dev.autolabel.testing.ExportFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * tune-prompts on pass-2 exports that take tokens (OWL-ViT, Grounding DINO) rather than text embeddings: the trial
 * detector is built as a run builds pass 2 (tokenizer.json beside the model, no embeddings file), and each colour's
 * prompt finds its rectangle in the stand-in's scene.
 */
class PromptTunerExportsTest {

    private static final int W = 1280;
    private static final int H = 720;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"owlvit", "grounding-dino"})
    void promptsOfTokenTakingExportsAreTriedAsARunLabels(String family) throws Exception {
        ExportFixtures.Case c = ExportFixtures.cases().stream().filter(k -> k.folder().equals(family)).findFirst()
                .orElseThrow();
        AutolabelConfig config = ConfigLoader.fromConfig(ConfigFactory.parseString(
                ExportFixtures.config(c, "unused.jsonl", "unused-out")), Map.of());
        OpenVocabSettings ov = config.openVocab().orElseThrow();
        Files.write(dir.resolve("scene.png"), ExportFixtures.scenePng(W, H));
        CocoGroundTruth truth = CocoGroundTruth.read(new ByteArrayInputStream(groundTruth().getBytes(StandardCharsets.UTF_8)),
                "instances.json");
        Map<String, List<Prompt>> candidates = new LinkedHashMap<>();
        for (String label : ExportFixtures.PROMPTS.subList(0, 3)) {
            candidates.put(label, List.of(new Prompt(label, label)));
        }

        List<PromptTrial> trials;
        try (BlobStore store = new LocalBlobStore(1 << 24)) {
            trials = new PromptTuner(store, new ImageIoDecoder(config.image()), ov, config.execution(), 2)
                    .run(candidates, Map.of(), truth, dir.toString(), 0.1f);
        }

        assertEquals(3, trials.size());
        for (PromptTrial trial : trials) {
            assertEquals(1, trial.objects(), trial.prompt().label());
            assertTrue(trial.boxes().stream().anyMatch(b -> b[1] > 0), trial.prompt().label() + " finds its rectangle");
            assertEquals(1.0, trial.recallAtTarget(0.9), 1e-9, trial.prompt().label());
        }
    }

    /** The scene's three rectangles, one category each, named as the prompts. */
    private static String groundTruth() {
        StringBuilder annotations = new StringBuilder();
        StringBuilder categories = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            int[] t = ExportFixtures.truth(k, W, H);
            String sep = k == 0 ? "" : ",";
            categories.append(sep).append(String.format("{\"id\": %d, \"name\": \"%s\"}", k + 1,
                    ExportFixtures.PROMPTS.get(k)));
            annotations.append(sep).append(String.format("{\"id\": %d, \"image_id\": 1, \"category_id\": %d, "
                    + "\"bbox\": [%d, %d, %d, %d], \"area\": %d, \"iscrowd\": 0}", k + 1, k + 1, t[0], t[1], t[2] - t[0],
                    t[3] - t[1], (t[2] - t[0]) * (t[3] - t[1])));
        }
        return "{\"images\": [{\"id\": 1, \"file_name\": \"scene.png\", \"width\": " + W + ", \"height\": " + H + "}],"
                + " \"categories\": [" + categories + "], \"annotations\": [" + annotations + "]}";
    }
}
