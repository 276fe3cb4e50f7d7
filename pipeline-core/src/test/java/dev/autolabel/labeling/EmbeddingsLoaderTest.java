package dev.autolabel.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.config.OpenVocabSettings;
import dev.autolabel.model.ModelException;
import dev.autolabel.model.Prompt;
import dev.autolabel.model.TextEmbeddings;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.LocalBlobStore;
import dev.autolabel.testing.FixtureModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Both sources of the run's text embeddings, as the driver loads them. */
class EmbeddingsLoaderTest {

    private static final String PROMPTS = "prompts = [\"red thing\", \"green thing\", \"blue thing\", \"yellow thing\", \"purple thing\"]";

    private static OpenVocabSettings settings(String source) {
        String text = String.format("autolabel { precision.model = \"p.onnx\", open-vocab { model = \"o.onnx\", %s, %s } }",
                source, PROMPTS);
        return ConfigLoader.fromConfig(ConfigFactory.parseString(text), Map.of()).openVocab().orElseThrow();
    }

    private static String encoder(String tokenizer) {
        return String.format("text-encoder { model = \"%s\", tokenizer = \"%s\" }", FixtureModels.textEncoder().toUri(), tokenizer);
    }

    @Test
    void theEncoderEmbedsEachPromptCloseToThePrecomputedFile() {
        try (BlobStore store = new LocalBlobStore(1 << 20)) {
            TextEmbeddings file = EmbeddingsLoader.load(store, settings("embeddings-file = \"" + FixtureModels.embeddingsFile() + "\""));
            TextEmbeddings encoded = EmbeddingsLoader.load(store, settings(encoder(FixtureModels.tokenizer().toUri().toString())));

            assertEquals(file.prompts(), encoded.prompts());
            assertEquals(file.dim(), encoded.dim());
            float[] a = file.matrix();
            float[] b = encoded.matrix();
            for (int q = 0; q < file.prompts().size(); q++) {
                float cosine = 0;
                for (int d = 0; d < 8; d++) {
                    cosine += a[q * 8 + d] * b[q * 8 + d];
                }
                assertEquals(0.97f, cosine, 0.01f, file.prompts().get(q).text() + ": unit rows, the filler word adds 0.24 off-axis");
            }
        }
    }

    @Test
    void aMissingTokenizerNamesTheKeyAndTheLocation() {
        try (BlobStore store = new LocalBlobStore(1 << 20)) {
            ModelException e = assertThrows(ModelException.class,
                    () -> EmbeddingsLoader.load(store, settings(encoder("/nowhere/tokenizer.json"))));
            assertTrue(e.getMessage().contains("open-vocab.text-encoder.tokenizer /nowhere/tokenizer.json"), e.getMessage());
        }
    }

    @Test
    void promptsAreEncodedInConfigOrder() {
        try (BlobStore store = new LocalBlobStore(1 << 20)) {
            TextEmbeddings encoded = EmbeddingsLoader.load(store, settings(encoder(FixtureModels.tokenizer().toString())));
            List<Prompt> prompts = encoded.prompts();
            float[] m = encoded.matrix();
            for (int q = 0; q < 5; q++) {
                assertTrue(m[q * 8 + q] > 0.9f, prompts.get(q).text() + " is on slot " + q);
            }
        }
    }
}
