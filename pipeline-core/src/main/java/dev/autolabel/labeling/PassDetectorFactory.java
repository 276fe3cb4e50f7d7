package dev.autolabel.labeling;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.OpenVocabSettings;
import dev.autolabel.merge.GapFillMerge;
import dev.autolabel.merge.OpenVocabPass;
import dev.autolabel.merge.PrecisionPass;
import dev.autolabel.merge.Uncertainty;
import dev.autolabel.model.Detector;
import dev.autolabel.model.Detectors;
import dev.autolabel.model.ExecutionSettings;
import dev.autolabel.model.ModelSession;
import dev.autolabel.model.ModelSpec;
import dev.autolabel.model.SessionCache;
import dev.autolabel.model.TextEmbeddings;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the per-thread {@link PassDetectors} of a run from its config: sessions come from the JVM-wide
 * {@link SessionCache}, detectors (which own batch buffers) are new for each call.
 */
public final class PassDetectorFactory {

    private PassDetectorFactory() {
    }

    public static PassDetectors create(AutolabelConfig config, Optional<TextEmbeddings> embeddings, ModelLocator models,
            ExecutionSettings exec) {
        ModelSpec precisionModel = config.precision().model();
        ModelSession precisionSession = session(precisionModel, models, exec);
        // Candidates from just below the thresholds too: near misses feed the review score (merge.Uncertainty).
        // Never below half the lowest threshold, so a low threshold does not turn every anchor into a candidate.
        float lowest = floor(config.precision().params().threshold(), config.precision().params().classThresholds().values());
        float pass1Floor = Math.max(lowest - Uncertainty.MARGIN, lowest / 2f);
        Detector precision = Detectors.build(precisionSession, precisionModel, PassModels.precision(config, models),
                pass1Floor, config.batchSize());
        PrecisionPass precisionPass = new PrecisionPass(config.precision().params());
        GapFillMerge merge = new GapFillMerge(config.merge());
        if (config.openVocab().isEmpty()) {
            return new PassDetectors(precision, precisionPass, Optional.empty(), Optional.empty(), merge, config.tiling());
        }
        OpenVocabSettings ov = config.openVocab().get();
        float pass2Floor = floor(ov.params().threshold(), ov.params().labelThresholds().values());
        Detector openVocab = openVocab(ov, embeddings, models, exec, pass2Floor, config.batchSize());
        return new PassDetectors(precision, precisionPass, Optional.of(openVocab),
                Optional.of(new OpenVocabPass(ov.params(), ov.prompts())), merge, config.tiling());
    }

    /**
     * SHA-256 of each configured model by role ("precision", "open-vocab", and "text-encoder" when the embeddings
     * are computed by one), opening sessions as needed.
     */
    public static Map<String, String> modelHashes(AutolabelConfig config, ModelLocator models, ExecutionSettings exec) {
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put("precision", session(config.precision().model(), models, exec).sha256());
        config.openVocab().ifPresent(ov -> {
            hashes.put("open-vocab", session(ov.model(), models, exec).sha256());
            ov.textEncoder().ifPresent(te -> hashes.put("text-encoder", EmbeddingsLoader.encoderSession(models, te).sha256()));
        });
        return hashes;
    }

    /**
     * Pass 2's detector for {@code ov} as a run builds it (tokenizer, config.json, classes built into the export),
     * keeping candidates from {@code floor}.
     */
    public static Detector openVocab(OpenVocabSettings ov, Optional<TextEmbeddings> embeddings, ModelLocator models,
            ExecutionSettings exec, float floor, int batchSize) {
        return Detectors.build(session(ov.model(), models, exec), ov.model(), PassModels.openVocab(ov, embeddings, models),
                floor, batchSize);
    }

    private static ModelSession session(ModelSpec spec, ModelLocator models, ExecutionSettings exec) {
        return SessionCache.get(models.localFile(spec.location()), spec.pinnedSha256(), exec);
    }

    /** Adapters keep candidates down to the lowest threshold any class may use; the passes apply the rest. */
    private static float floor(float threshold, Collection<Float> overrides) {
        float min = threshold;
        for (float t : overrides) {
            min = Math.min(min, t);
        }
        return min;
    }
}
