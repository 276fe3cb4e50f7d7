package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Source;
import dev.autolabel.label.Status;
import dev.autolabel.model.Sha256;
import dev.autolabel.spark.CliCapture.Result;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.LocalBlobStore;
import dev.autolabel.testing.FixtureModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text embeddings computed by the text-encoder fixture instead of read from a file: validate and a local run. */
class TextEncoderRunTest {

    @TempDir
    Path tmp;

    /** The scenario's config with its embeddings file swapped for the text encoder and tokenizer. */
    private Path config(String manifest) throws Exception {
        String encoder = String.format("%nautolabel.open-vocab { embeddings-file = \"\", text-encoder { model = \"%s\", "
                + "tokenizer = \"%s\" } }%n", FixtureModels.textEncoder(), FixtureModels.tokenizer());
        return Files.writeString(tmp.resolve("encoder.conf"),
                LabelingScenario.localConfig(manifest, tmp.resolve("out").toString(), 3) + encoder);
    }

    @Test
    void validatePrintsTheTextEncoderAndWhatItComputed() throws Exception {
        Path manifest = Files.writeString(tmp.resolve("m.jsonl"), "{\"id\": \"a\", \"uri\": \"/x/a.jpg\"}\n");
        Result r = cli("validate", "--config", config(manifest.toString()).toString());

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("text encoder: " + FixtureModels.textEncoder()), r.out());
        assertTrue(r.out().contains(Sha256.ofFile(FixtureModels.textEncoder())), "prints the encoder's SHA-256: " + r.out());
        assertTrue(r.out().contains("input_ids[-1, -1]") && r.out().contains("last_hidden_state[-1, -1, 8]"), r.out());
        assertTrue(r.out().contains("tokenizer: " + FixtureModels.tokenizer() + " (pooling mean, L2-normalised, max 77 tokens)"),
                r.out());
        assertTrue(r.out().contains("embeddings: 2 prompts x 8 dims from text encoder " + FixtureModels.textEncoder()), r.out());
    }

    @Test
    void aRunWithTheTextEncoderGapFillsWithTheEncodedPrompts() throws Exception {
        LabelingScenario scenario = new LabelingScenario(6);
        for (LabelingScenario.Image image : scenario.images()) {
            Path file = tmp.resolve(image.key());
            Files.createDirectories(file.getParent());
            Files.write(file, image.bytes());
        }
        Path manifest = Files.writeString(tmp.resolve("m.jsonl"), scenario.manifestJsonl(key -> tmp.resolve(key).toString()));

        Result run = cli("run", "--config", config(manifest.toString()).toString(), "--master", "local[2]", "--run-id", "enc");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode summary = new ObjectMapper().readTree(tmp.resolve("out").resolve("enc").resolve("run.json").toFile());
        assertEquals(Sha256.ofFile(FixtureModels.textEncoder()), summary.path("model_hashes").path("text-encoder").asText());
        List<LabeledImage> rows = new ArrayList<>();
        try (BlobStore store = new LocalBlobStore(1 << 20);
                RunReader reader = new RunReader(store, new RunLayout(tmp.resolve("out").toString(), "enc"))) {
            reader.forEachRemaining(rows::add);
        }
        assertEquals(scenario.manifestRows(), rows.size());
        List<LabeledDetection> gapFilled = rows.stream().filter(r -> r.status() == Status.OK)
                .flatMap(r -> r.detections().stream()).filter(d -> d.source() == Source.OPEN_VOCAB).toList();
        assertEquals(3, gapFilled.size(), "yellow in 3 of 6 images, from pass 2: " + gapFilled);
        assertTrue(gapFilled.stream().allMatch(d -> d.label().equals("yellow") && d.prompt().equals(Optional.of("yellow thing"))),
                gapFilled.toString());
    }

    private static Result cli(String... args) {
        return CliCapture.run(args);
    }
}
