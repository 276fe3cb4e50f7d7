package dev.autolabel.config;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.DecodeLimits;
import dev.autolabel.image.DecoderSettings;
import dev.autolabel.merge.MergeParams;
import dev.autolabel.model.ExecutionSettings;
import dev.autolabel.storage.StorageSettings;
import dev.autolabel.tiling.PassTiling;
import java.util.Optional;

/**
 * The typed, validated configuration of a run. {@code tiling} holds {@code precision.tiling} and
 * {@code open-vocab.tiling} (the latter off when open-vocab is). {@code labelingConfigHash} identifies everything that changes
 * labels (passes, merge, image limits): it is recorded on every row. {@code effectiveConfigJson} is the whole
 * resolved config with secrets redacted, for run summaries. {@code calibration} says where calibrated thresholds
 * came from (provenance only).
 */
public record AutolabelConfig(
        RunSettings run,
        ManifestSettings manifest,
        StorageSettings storage,
        DecodeLimits image,
        DecoderSettings decoder,
        ExecutionSettings execution,
        int batchSize,
        PipelineSettings pipeline,
        PrecisionSettings precision,
        Optional<OpenVocabSettings> openVocab,
        MergeParams merge,
        CalibrationSettings calibration,
        PassTiling tiling,
        String labelingConfigHash,
        String effectiveConfigJson) {

    public AutolabelConfig {
        requireNonNull(run, "run");
        requireNonNull(manifest, "manifest");
        requireNonNull(storage, "storage");
        requireNonNull(image, "image");
        requireNonNull(decoder, "decoder");
        requireNonNull(execution, "execution");
        requireNonNull(pipeline, "pipeline");
        requireNonNull(precision, "precision");
        requireNonNull(openVocab, "openVocab");
        requireNonNull(merge, "merge");
        requireNonNull(calibration, "calibration");
        requireNonNull(tiling, "tiling");
        requireNonNull(labelingConfigHash, "labelingConfigHash");
        requireNonNull(effectiveConfigJson, "effectiveConfigJson");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1");
        }
    }
}
