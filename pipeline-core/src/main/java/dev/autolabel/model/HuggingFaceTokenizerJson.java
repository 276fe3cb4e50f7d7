package dev.autolabel.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} (any model type the Rust tokenizers library supports: BPE, WordPiece,
 * WordLevel, Unigram) through DJL's binding. Its native library is loaded from the jar; DJL is switched to offline
 * mode first so it never downloads a library or calls home. Padding and truncation are ours, not the file's.
 */
public final class HuggingFaceTokenizerJson implements PromptTokenizer, AutoCloseable {

    private static final Map<String, String> OPTIONS = Map.of("addSpecialTokens", "true", "padding", "false",
            "truncation", "false");

    private final HuggingFaceTokenizer tokenizer;

    private HuggingFaceTokenizerJson(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Reads a {@code tokenizer.json}; {@code sourceName} names it in errors. */
    public static HuggingFaceTokenizerJson read(InputStream json, String sourceName) throws IOException {
        stayOffline();
        try {
            return new HuggingFaceTokenizerJson(HuggingFaceTokenizer.newInstance(json, OPTIONS));
        } catch (RuntimeException e) {
            throw new IOException("cannot load tokenizer " + sourceName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long[] tokenIds(String text) {
        return tokenizer.encode(text).getIds();
    }

    @Override
    public TokenizedText tokenize(String text) {
        ai.djl.huggingface.tokenizers.Encoding e = tokenizer.encode(text);
        return new TokenizedText(e.getIds(), java.util.Arrays.asList(e.getTokens()));
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    /**
     * DJL in online mode picks a CUDA build of its library on GPU hosts and downloads it, and pings a usage
     * endpoint on EC2. Offline mode makes it use the CPU library inside the jar and skip both. An explicit
     * setting by the user (property or DJL_OFFLINE) is left alone.
     */
    private static synchronized void stayOffline() {
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
