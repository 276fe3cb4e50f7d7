package dev.autolabel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.testing.FixtureModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The text encoder on the fixture model and tokenizer: token ids from tokenizer.json (through DJL, offline),
 * pooling, normalisation and the checks that name what is wrong.
 */
class TextEncoderTest {

    private static final float FILLER = 0.25f;
    private static HuggingFaceTokenizerJson tokenizer;

    @BeforeAll
    static void loadTokenizer() throws IOException {
        try (InputStream in = Files.newInputStream(FixtureModels.tokenizer())) {
            tokenizer = HuggingFaceTokenizerJson.read(in, FixtureModels.tokenizer().toString());
        }
    }

    @AfterAll
    static void closeTokenizer() {
        tokenizer.close();
    }

    static TextEncoderSpec spec(String output, Pooling pooling, boolean normalize, int maxLength) {
        return new TextEncoderSpec(FixtureModels.textEncoder().toString(), Optional.empty(),
                FixtureModels.tokenizer().toString(), "input_ids", Optional.of("attention_mask"),
                Optional.ofNullable(output), pooling, normalize, maxLength, 0);
    }

    private static TextEncoder encoder(TextEncoderSpec spec) {
        return new TextEncoder(session(), tokenizer, spec);
    }

    private static ModelSession session() {
        return SessionCache.get(FixtureModels.textEncoder(), Optional.empty(), ExecutionSettings.cpu());
    }

    /** A unit vector along the red slot and the filler dimension with the given weights. */
    private static float[] vector(float red, float filler) {
        float[] v = new float[8];
        v[0] = red;
        v[7] = filler;
        return v;
    }

    private static float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float[] out = v.clone();
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(n));
        }
        return out;
    }

    @Test
    void tokenizerJsonIsReadOfflineLowerCasedAndSplitOnWhitespace() {
        assertArrayEquals(new long[] {2, 8}, tokenizer.tokenIds("Red  THING"));
        assertArrayEquals(new long[] {3, 9}, tokenizer.tokenIds("crimson object"));
        assertArrayEquals(new long[] {1, 8}, tokenizer.tokenIds("mauve thing"), "unknown words become [UNK] = 1");
    }

    @Test
    void meanPoolingOverTokensThenL2Normalised() {
        float[] e = encoder(spec(null, Pooling.MEAN, true, 77)).encode("red thing");
        assertArrayEquals(unit(vector(1, FILLER)), e, 1e-6f);
        assertArrayEquals(e, encoder(spec(null, Pooling.MEAN, true, 77)).encode("Crimson thing"), 1e-6f,
                "a synonym with the same embedding encodes the same");
    }

    @Test
    void withoutNormalisationTheMeanIsKept() {
        assertArrayEquals(vector(0.5f, FILLER / 2), encoder(spec(null, Pooling.MEAN, false, 77)).encode("red thing"), 1e-6f);
    }

    @Test
    void firstAndLastTokenPooling() {
        assertArrayEquals(vector(1, 0), encoder(spec("last_hidden_state", Pooling.FIRST, true, 77)).encode("red thing"), 1e-6f);
        assertArrayEquals(vector(0, 1), encoder(spec("last_hidden_state", Pooling.LAST, true, 77)).encode("red thing"), 1e-6f);
    }

    @Test
    void pooledOutputWithPoolingNoneMatchesMeanPooling() {
        float[] pooled = encoder(spec("text_embeds", Pooling.NONE, true, 77)).encode("yellow object");
        assertArrayEquals(encoder(spec(null, Pooling.MEAN, true, 77)).encode("yellow object"), pooled, 1e-6f);
        assertEquals(1f, pooled[3] * pooled[3] + pooled[7] * pooled[7], 1e-5f);
        assertTrue(pooled[3] > 0.9f, "yellow is slot 3");
    }

    @Test
    void encodesEveryPromptInOrder() {
        List<Prompt> prompts = List.of(new Prompt("red", "red thing"), new Prompt("blue", "blue thing"));
        TextEmbeddings embeddings = encoder(spec(null, Pooling.MEAN, true, 77)).encode(prompts);

        assertEquals(prompts, embeddings.prompts());
        assertEquals(8, embeddings.dim());
        float[] m = embeddings.matrix();
        assertTrue(m[0] > 0.9f && m[8 + 2] > 0.9f, "row 0 on the red slot, row 1 on the blue slot");
    }

    @Test
    void aPromptLongerThanMaxLengthIsNamed() {
        ModelException e = assertThrows(ModelException.class,
                () -> encoder(spec(null, Pooling.MEAN, true, 2)).encode("big red thing"));
        assertTrue(e.getMessage().contains("'big red thing' has 3 tokens") && e.getMessage().contains("max-length"),
                e.getMessage());
    }

    @Test
    void poolingThatDoesNotFitTheOutputShapeSaysWhatToSet() {
        ModelException e = assertThrows(ModelException.class,
                () -> encoder(spec("text_embeds", Pooling.MEAN, true, 77)).encode("red thing"));
        assertTrue(e.getMessage().contains("pooling 'mean'") && e.getMessage().contains("[1, 8]"), e.getMessage());
        e = assertThrows(ModelException.class, () -> encoder(spec("last_hidden_state", Pooling.NONE, true, 77)).encode("red"));
        assertTrue(e.getMessage().contains("pooling 'none'"), e.getMessage());
    }

    @Test
    void namesThatTheModelDoesNotHaveAreRejectedWithWhatItHas() {
        TextEncoderSpec wrongIds = new TextEncoderSpec("m", Optional.empty(), "t", "ids", Optional.of("attention_mask"),
                Optional.empty(), Pooling.MEAN, true, 77, 0);
        ModelException e = assertThrows(ModelException.class, () -> encoder(wrongIds));
        assertTrue(e.getMessage().contains("no input 'ids'") && e.getMessage().contains("input_ids"), e.getMessage());

        TextEncoderSpec noMask = new TextEncoderSpec("m", Optional.empty(), "t", "input_ids", Optional.empty(),
                Optional.empty(), Pooling.MEAN, true, 77, 0);
        e = assertThrows(ModelException.class, () -> encoder(noMask));
        assertTrue(e.getMessage().contains("also needs inputs [attention_mask]"), e.getMessage());

        e = assertThrows(ModelException.class, () -> encoder(spec("pooler_output", Pooling.NONE, true, 77)));
        assertTrue(e.getMessage().contains("no output 'pooler_output'") && e.getMessage().contains("text_embeds"),
                e.getMessage());
    }

    @Test
    void aBrokenTokenizerFileIsAnIoErrorNamingIt() {
        IOException e = assertThrows(IOException.class, () -> HuggingFaceTokenizerJson.read(
                new ByteArrayInputStream("{\"model\": 42}".getBytes(StandardCharsets.UTF_8)), "s3://b/tokenizer.json"));
        assertTrue(e.getMessage().contains("s3://b/tokenizer.json"), e.getMessage());
    }
}
