package dev.autolabel.labeling;

import dev.autolabel.config.OpenVocabSettings;
import dev.autolabel.model.EmbeddingsFile;
import dev.autolabel.model.ExecutionSettings;
import dev.autolabel.model.HuggingFaceTokenizerJson;
import dev.autolabel.model.ModelException;
import dev.autolabel.model.ModelSession;
import dev.autolabel.model.Prompt;
import dev.autolabel.model.SessionCache;
import dev.autolabel.model.TextEmbeddings;
import dev.autolabel.model.TextEncoder;
import dev.autolabel.model.TextEncoderSpec;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The run's text embeddings, computed once (on the driver) from the configured source: a precomputed embeddings
 * file, or a text-encoder model with its tokenizer. Either may be a local path or a URI.
 */
public final class EmbeddingsLoader {

    private EmbeddingsLoader() {
    }

    /** The embeddings when a source is configured (models fed tokens or with baked classes need none). */
    public static java.util.Optional<TextEmbeddings> loadIfConfigured(BlobStore store, OpenVocabSettings settings) {
        return settings.hasEmbeddings() ? java.util.Optional.of(load(store, settings)) : java.util.Optional.empty();
    }

    public static TextEmbeddings load(BlobStore store, OpenVocabSettings settings) {
        if (settings.textEncoder().isPresent()) {
            return encode(store, settings.textEncoder().get(), settings.prompts());
        }
        String uri = settings.embeddingsFile().orElseThrow();
        try (InputStream in = store.open(uri)) {
            return EmbeddingsFile.read(in, uri, settings.prompts());
        } catch (IOException e) {
            throw new ModelException("cannot read open-vocab.embeddings-file " + uri + ": " + e.getMessage(), e);
        }
    }

    /**
     * The text encoder's shared session. It runs on CPU: it is used once per run on the driver, which should not
     * hold GPU memory for it.
     */
    public static ModelSession encoderSession(ModelLocator models, TextEncoderSpec spec) {
        return SessionCache.get(models.localFile(spec.model()), spec.pinnedSha256(), ExecutionSettings.cpu());
    }

    private static TextEmbeddings encode(BlobStore store, TextEncoderSpec spec, List<Prompt> prompts) {
        ModelSession session = encoderSession(new ModelLocator(store), spec);
        try (InputStream in = store.open(spec.tokenizer());
                HuggingFaceTokenizerJson tokenizer = HuggingFaceTokenizerJson.read(in, spec.tokenizer())) {
            return new TextEncoder(session, tokenizer, spec).encode(prompts);
        } catch (IOException e) {
            throw new ModelException("cannot read open-vocab.text-encoder.tokenizer " + spec.tokenizer() + ": "
                    + e.getMessage(), e);
        }
    }
}
