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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PassModels.class);

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

    /**
     * The configured config.json (unreadable: an error), else the one beside the model (unreadable, or no Hugging
     * Face config at all: ignored with a log line, since any tool may leave a config.json there).
     */
    private static Optional<HfConfig> hfConfig(ModelSpec spec, Pass pass, ModelLocator models) {
        if (spec.hfConfig().isPresent()) {
            return Optional.of(readHfConfig(models, spec.hfConfig().get(), pass));
        }
        return models.sibling(spec.location(), "config.json").flatMap(f -> {
            try {
                return Optional.of(readHfConfig(models, f, pass));
            } catch (ModelException e) {
                LOG.warn("Ignoring {} next to the {} model: {}", f, pass.configKey(), e.getMessage());
                return Optional.empty();
            }
        });
    }

    private static HfConfig readHfConfig(ModelLocator models, String file, Pass pass) {
        try (InputStream in = Files.newInputStream(models.localFile(file))) {
            return HfConfig.read(in, file);
        } catch (IOException | RuntimeException e) {
            throw new ModelException("cannot read " + pass.configKey() + ".hf-config " + file + ": " + e.getMessage(), e);
        }
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
