package dev.autolabel.labeling;

import dev.autolabel.config.OpenVocabSettings;
import dev.autolabel.model.EmbeddingsFile;
import dev.autolabel.model.ModelException;
import dev.autolabel.model.TextEmbeddings;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;

/** Reads the run's precomputed text embeddings once (on the driver) from a local path or URI. */
public final class EmbeddingsLoader {

    private EmbeddingsLoader() {
    }

    public static TextEmbeddings load(BlobStore store, OpenVocabSettings settings) {
        String uri = settings.embeddingsFile();
        try (InputStream in = store.open(uri)) {
            return EmbeddingsFile.read(in, uri, settings.prompts());
        } catch (IOException e) {
            throw new ModelException("cannot read open-vocab.embeddings-file " + uri + ": " + e.getMessage(), e);
        }
    }
}
