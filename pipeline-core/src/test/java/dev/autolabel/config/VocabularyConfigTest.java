package dev.autolabel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.model.Pooling;
import dev.autolabel.model.TextEncoderSpec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Config of the vocabulary's embedding source, the flip-consistency check and the cross-pass label map. */
class VocabularyConfigTest {

    private static final String BASE = """
            autolabel {
              precision.model = "yolo.onnx"
              open-vocab { model = "owl.onnx", prompts = ["red thing"] }
            }
            """;

    private static AutolabelConfig load(String extra) {
        return ConfigLoader.fromConfig(ConfigFactory.parseString(BASE + extra), Map.of());
    }

    private static InvalidConfigException fails(String extra) {
        return assertThrows(InvalidConfigException.class, () -> load(extra));
    }

    @Test
    void textEncoderWithDefaults() {
        OpenVocabSettings ov = load("autolabel.open-vocab.text-encoder { model = \"s3://m/text.onnx\", tokenizer = \"s3://m/tokenizer.json\" }")
                .openVocab().orElseThrow();

        assertEquals(Optional.empty(), ov.embeddingsFile());
        assertEquals(new TextEncoderSpec("s3://m/text.onnx", Optional.empty(), "s3://m/tokenizer.json", "input_ids",
                Optional.of("attention_mask"), Optional.empty(), Pooling.MEAN, true, 77, 0), ov.textEncoder().orElseThrow());
        assertTrue(ov.embeddingsSource().contains("s3://m/text.onnx"), ov.embeddingsSource());
    }

    @Test
    void textEncoderKeysAreRead() {
        TextEncoderSpec spec = load("""
                autolabel.open-vocab.text-encoder {
                  model = "text.onnx", tokenizer = "tok.json", sha256 = "%s", input-ids = "ids", attention-mask = "",
                  output = "pooler_output", pooling = "none", normalize = false, max-length = 16, pad-id = 49407
                }
                """.formatted("ab".repeat(32))).openVocab().orElseThrow().textEncoder().orElseThrow();

        assertEquals(new TextEncoderSpec("text.onnx", Optional.of("ab".repeat(32)), "tok.json", "ids", Optional.empty(),
                Optional.of("pooler_output"), Pooling.NONE, false, 16, 49407), spec);
    }

    @Test
    void atMostOneEmbeddingSourceMayBeSet() {
        assertEquals(Optional.empty(), load("").openVocab().orElseThrow().embeddingsFile(),
                "models fed tokens (OWL, Grounding DINO) or with baked classes need no embeddings");
        InvalidConfigException both = fails("autolabel.open-vocab { embeddings-file = \"e.json\", "
                + "text-encoder { model = \"t.onnx\", tokenizer = \"t.json\" } }");
        assertTrue(both.getMessage().contains("both set"), both.getMessage());
        assertEquals(Optional.of("e.json"), load("autolabel.open-vocab.embeddings-file = \"e.json\"")
                .openVocab().orElseThrow().embeddingsFile());
    }

    @Test
    void textEncoderMistakesNameTheKey() {
        String encoder = "autolabel.open-vocab.text-encoder { model = \"t.onnx\", tokenizer = \"t.json\" }\n";
        assertTrue(fails(encoder + "autolabel.open-vocab.text-encoder.pooling = max").getMessage()
                .contains("open-vocab.text-encoder.pooling must be mean, first, last or none"));
        assertTrue(fails("autolabel.open-vocab.text-encoder.model = \"t.onnx\"").getMessage()
                .contains("open-vocab.text-encoder.tokenizer is required"));
        assertTrue(fails(encoder + "autolabel.open-vocab.text-encoder.max-length = 0").getMessage()
                .contains("open-vocab.text-encoder.max-length must be between 1"));
        assertTrue(fails(encoder + "autolabel.open-vocab.text-encoder.vocab = \"v.txt\"").getMessage()
                .contains("unknown key"));
    }

    @Test
    void flipConsistencyIsOffByDefaultAndConfigurable() {
        String file = "autolabel.open-vocab.embeddings-file = \"e.json\"\n";
        assertFalse(load(file).precision().params().flipConsistency());
        AutolabelConfig on = load(file + "autolabel.precision.qa { flip-consistency = true, flip-iou = 0.65 }");
        assertTrue(on.precision().params().flipConsistency());
        assertEquals(0.65f, on.precision().params().flipIou());
        assertNotEquals(load(file).labelingConfigHash(), on.labelingConfigHash(), "the check changes labels");
        assertTrue(fails(file + "autolabel.precision.qa.flip-iou = 2").getMessage().contains("precision.qa.flip-iou"));
    }

    @Test
    void labelMapMapsPassTwoLabelsToPassOneLabels() {
        String file = "autolabel.open-vocab.embeddings-file = \"e.json\"\n";
        assertEquals("soccer ball", load(file).merge().passOneLabelFor("soccer ball"), "identity by default");
        AutolabelConfig mapped = load(file + "autolabel.merge.label-map { \"soccer ball\" = \"sports ball\", kid = person }");
        assertEquals(Map.of("soccer ball", "sports ball", "kid", "person"), mapped.merge().labelMap());
        assertEquals("sports ball", mapped.merge().passOneLabelFor("soccer ball"));
        assertEquals("dog", mapped.merge().passOneLabelFor("dog"));

        InvalidConfigException e = fails(file + "autolabel.merge.label-map { kid = 3 }");
        assertTrue(e.getMessage().contains("merge.label-map.\"kid\" must be a non-empty string"), e.getMessage());
    }
}
