package dev.autolabel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.labeling.EmbeddingsLoader;
import dev.autolabel.model.EmbeddingsFile;
import dev.autolabel.model.Prompt;
import dev.autolabel.model.TextEmbeddings;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.LocalBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's text encoder (shapes-text-encoder.onnx, shapes-tokenizer.json; conf/quality-bench-encoder.conf)
 * embeds every prompt of shapes-embeddings.json as the file does, single words and compositions alike, and ensembles
 * the same way from either source.
 */
class ShapesTextEncoderTest {

    private static final Path QUALITY = QualityBenchmarkTest.QUALITY;

    /** conf/quality-bench-encoder.conf with its paths made absolute and the given prompts. */
    static AutolabelConfig encoderConfig(List<String> promptsHocon) {
        Map<String, String> overrides = new HashMap<>(Map.of(
                "precision.model", QUALITY.resolve("shapes-yolo.onnx").toString(),
                "open-vocab.model", QUALITY.resolve("shapes-openvocab.onnx").toString(),
                "open-vocab.text-encoder.model", QUALITY.resolve("shapes-text-encoder.onnx").toString(),
                "open-vocab.text-encoder.tokenizer", QUALITY.resolve("shapes-tokenizer.json").toString()));
        overrides.put("open-vocab.prompts", "[" + String.join(", ", promptsHocon) + "]");
        return ConfigLoader.load(Path.of("..", "conf", "quality-bench-encoder.conf"), overrides);
    }

    @Test
    void theEncoderReproducesTheEmbeddingsFile() throws IOException {
        JsonNode file = new ObjectMapper().readTree(QUALITY.resolve("shapes-embeddings.json").toFile()).get("embeddings");
        List<String> prompts = new ArrayList<>();
        file.fieldNames().forEachRemaining(p -> prompts.add("\"" + p + "\""));
        TextEmbeddings encoded;
        try (BlobStore store = new LocalBlobStore(1 << 20)) {
            encoded = EmbeddingsLoader.load(store, encoderConfig(prompts).openVocab().orElseThrow());
        }

        assertEquals(23, encoded.prompts().size());
        float[] matrix = encoded.matrix();
        for (int q = 0; q < encoded.prompts().size(); q++) {
            JsonNode row = file.get(encoded.prompts().get(q).text());
            for (int d = 0; d < encoded.dim(); d++) {
                assertEquals(row.get(d).asDouble(), matrix[q * encoded.dim() + d], 2e-6, encoded.prompts().get(q).text());
            }
        }
    }

    @Test
    void anEnsembleIsTheNormalisedMeanOfItsPhrasingsFromEitherSource() throws IOException {
        String ensemble = "{ label = star, texts = [\"yellow star\", \"green star\"], ensemble = true }";
        List<Prompt> fileOrder = List.of(new Prompt("star", List.of("yellow star", "green star")));
        float[] encoded;
        TextEmbeddings fromFile;
        try (BlobStore store = new LocalBlobStore(1 << 20);
                InputStream in = Files.newInputStream(QUALITY.resolve("shapes-embeddings.json"))) {
            encoded = EmbeddingsLoader.load(store, encoderConfig(List.of(ensemble, "\"yellow star\"", "\"green star\""))
                    .openVocab().orElseThrow()).matrix();
            fromFile = EmbeddingsFile.read(in, "shapes-embeddings.json", fileOrder);
        }
        int dim = fromFile.dim();
        float[] expected = TextEmbeddings.ensembleMean(List.of(Arrays.copyOfRange(encoded, dim, 2 * dim),
                Arrays.copyOfRange(encoded, 2 * dim, 3 * dim)));
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            assertEquals(expected[d], encoded[d], 1e-6);
            assertEquals(expected[d], fromFile.matrix()[d], 2e-6);
            norm += expected[d] * expected[d];
        }
        assertEquals(1.0, norm, 1e-5);
    }
}
