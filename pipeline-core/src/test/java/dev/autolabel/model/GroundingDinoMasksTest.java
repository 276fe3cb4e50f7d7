package dev.autolabel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OnnxJavaType;
import dev.autolabel.image.InputSpec;
import dev.autolabel.image.ResizeMode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The caption, sub-sentence attention mask and position ids fed to Grounding DINO, against the example in the
 * common export script: "the running dog ." gives position ids [0, 0, 1, 2, 3, 0] and a mask where the phrase's four
 * tokens see each other and [CLS] and [SEP] only themselves.
 */
class GroundingDinoMasksTest {

    /** A whitespace tokenizer adding [CLS] and [SEP], with ids by position in a tiny vocabulary. */
    private static final List<String> VOCAB = List.of("[CLS]", "[SEP]", ".", "the", "running", "dog", "red", "car");

    private static final PromptTokenizer TOKENIZER = new PromptTokenizer() {
        @Override
        public long[] tokenIds(String text) {
            return tokenize(text).ids();
        }

        @Override
        public TokenizedText tokenize(String text) {
            List<String> tokens = new java.util.ArrayList<>();
            tokens.add("[CLS]");
            tokens.addAll(Arrays.asList(text.split(" ")));
            tokens.add("[SEP]");
            return new TokenizedText(tokens.stream().mapToLong(VOCAB::indexOf).toArray(), tokens);
        }
    };

    private static final ModelSignature SIG = new ModelSignature(List.of(new TensorSpec("img", OnnxJavaType.FLOAT, -1, 3, -1, -1),
            new TensorSpec("input_ids", OnnxJavaType.INT64, -1, -1), new TensorSpec("attention_mask", OnnxJavaType.BOOL, -1, -1),
            new TensorSpec("position_ids", OnnxJavaType.INT64, -1, -1), new TensorSpec("token_type_ids", OnnxJavaType.INT64, -1, -1),
            new TensorSpec("text_token_mask", OnnxJavaType.BOOL, -1, -1, -1)), List.of(), Map.of());

    private static GroundingDinoAdapter adapter(String... prompts) {
        return new GroundingDinoAdapter(new InputSpec(1333, 800, ResizeMode.SHORT_SIDE, 0, false, new float[3],
                new float[] {1, 1, 1}), SIG, SIG.inputs().get(0), "logits", "boxes",
                Arrays.stream(prompts).map(p -> new Prompt(p, p)).toList(), TOKENIZER, 0.1f);
    }

    @Test
    void theExportScriptsExampleGivesItsPositionIdsAndMask() {
        Map<String, InputValue> in = adapter("the running dog").extraInputs(1, 10, 10);

        assertArrayEquals(new long[] {0, 0, 1, 2, 3, 0}, ((InputValue.Longs) in.get("position_ids")).data());
        boolean[] mask = ((InputValue.Bools) in.get("text_token_mask")).data();
        boolean[][] expected = {
            {true, false, false, false, false, false},
            {false, true, true, true, true, false},
            {false, true, true, true, true, false},
            {false, true, true, true, true, false},
            {false, true, true, true, true, false},
            {false, false, false, false, false, true}};
        for (int r = 0; r < 6; r++) {
            assertArrayEquals(expected[r], Arrays.copyOfRange(mask, r * 6, r * 6 + 6), "row " + r);
        }
        assertArrayEquals(new long[] {1, 6}, in.get("input_ids").shape());
    }

    @Test
    void promptsAreJoinedWithSeparatorsAndEachGetsItsOwnPhrase() {
        assertEquals("red car . dog .", GroundingDinoAdapter.caption(List.of(new Prompt("a", "Red car"), new Prompt("b", "dog"))));
        Map<String, InputValue> in = adapter("red car", "dog").extraInputs(2, 10, 10);
        // [CLS] red car . dog . [SEP]: positions restart after each separator; two images get two copies.
        assertArrayEquals(new long[] {0, 0, 1, 2, 0, 1, 0, 0, 0, 1, 2, 0, 1, 0}, ((InputValue.Longs) in.get("position_ids")).data());
    }

    @Test
    void aPromptWithItsOwnSeparatorIsRefused() {
        assertThrows(ModelException.class, () -> adapter("red . car", "dog"));
    }
}
