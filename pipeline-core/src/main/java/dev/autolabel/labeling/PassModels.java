package dev.autolabel.labeling;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.OpenVocabSettings;
import dev.autolabel.model.HfConfig;
import dev.autolabel.model.HuggingFaceTokenizerJson;
import dev.autolabel.model.ModelException;
import dev.autolabel.model.ModelSpec;
import dev.autolabel.model.OpenVocabSpec;
import dev.autolabel.model.Pass;
import dev.autolabel.model.PassModel;
import dev.autolabel.model.PromptTokenizer;
import dev.autolabel.model.TextEmbeddings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * Gathers what each pass's decoder may need beside the model file: the Hugging Face {@code config.json} and, for
 * pass 2, the model's {@code tokenizer.json} (each as configured, else the one next to the model when there is one)
 * and the run's text embeddings.
 */
public final class PassModels {

    /** One tokenizer per file per JVM: tasks share it (encoding is thread-safe) instead of each loading its own. */
    private static final ConcurrentHashMap<String, PromptTokenizer> TOKENIZERS = new ConcurrentHashMap<>();

    private PassModels() {
    }

    public static PassModel precision(AutolabelConfig config, ModelLocator models) {
        return PassModel.precision(hfConfig(config.precision().model(), Pass.PRECISION, models));
    }

    public static PassModel openVocab(OpenVocabSettings ov, Optional<TextEmbeddings> embeddings, ModelLocator models) {
        ModelSpec spec = ov.model();
        OpenVocabSpec io = ov.io();
        Optional<String> tokenizerFile = io.tokenizer().or(() -> models.sibling(spec.location(), "tokenizer.json"));
        Optional<PromptTokenizer> tokenizer = tokenizerFile.map(t -> TOKENIZERS.computeIfAbsent(t, f -> tokenizer(models, f)));
        return new PassModel(Pass.OPEN_VOCAB, hfConfig(spec, Pass.OPEN_VOCAB, models), ov.prompts(), tokenizer,
                embeddings, io);
    }

    private static Optional<HfConfig> hfConfig(ModelSpec spec, Pass pass, ModelLocator models) {
        Optional<String> file = spec.hfConfig().or(() -> models.sibling(spec.location(), "config.json"));
        return file.map(f -> {
            Path local = models.localFile(f);
            try (InputStream in = Files.newInputStream(local)) {
                return HfConfig.read(in, f);
            } catch (IOException e) {
                throw new ModelException("cannot read " + pass.configKey() + ".hf-config " + f + ": " + e.getMessage(), e);
            }
        });
    }

    private static PromptTokenizer tokenizer(ModelLocator models, String file) {
        Path local = models.localFile(file);
        try (InputStream in = Files.newInputStream(local)) {
            return HuggingFaceTokenizerJson.read(in, file);
        } catch (IOException e) {
            throw new ModelException("cannot read open-vocab.tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

}
