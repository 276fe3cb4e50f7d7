package dev.autolabel.label;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The output record: exactly one per manifest row. OK rows carry the image size and detections;
 * FAILED rows carry an error code and message, no detections, and keep their place (nothing is lost).
 * {@code extra} holds the manifest's own extra fields, passed through unchanged. {@code uncertainty} in [0, 1]
 * ranks OK rows for human review (see {@code dev.autolabel.merge.Uncertainty}); FAILED rows carry 0.
 * {@code fingerprint} identifies the image content that was read (ETag, or size and modification time), when it
 * was read: incremental runs compare it.
 */
public record LabeledImage(
        String imageId,
        String uri,
        int width,
        int height,
        Status status,
        Optional<ErrorCode> errorCode,
        Optional<String> errorMessage,
        List<LabeledDetection> detections,
        Provenance provenance,
        Instant labeledAt,
        Map<String, String> extra,
        float uncertainty,
        Optional<String> fingerprint) {

    /**
     * Bumped whenever the output columns change meaning. 2: added {@code uncertainty} and {@code fingerprint}. 3: added
     * each detection's {@code threshold}. 4: added each detection's {@code tile} (tiled inference).
     */
    public static final int SCHEMA_VERSION = 4;

    /** A row without review score and fingerprint (its image was never read). */
    public LabeledImage(String imageId, String uri, int width, int height, Status status, Optional<ErrorCode> errorCode,
            Optional<String> errorMessage, List<LabeledDetection> detections, Provenance provenance, Instant labeledAt,
            Map<String, String> extra) {
        this(imageId, uri, width, height, status, errorCode, errorMessage, detections, provenance, labeledAt, extra,
                0f, Optional.empty());
    }

    public LabeledImage {
        requireNonNull(imageId, "imageId");
        requireNonNull(fingerprint, "fingerprint");
        requireNonNull(uri, "uri");
        requireNonNull(status, "status");
        requireNonNull(errorCode, "errorCode");
        requireNonNull(errorMessage, "errorMessage");
        requireNonNull(provenance, "provenance");
        requireNonNull(labeledAt, "labeledAt");
        detections = List.copyOf(requireNonNull(detections, "detections"));
        extra = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(extra, "extra")));
        if (status == Status.OK && (errorCode.isPresent() || errorMessage.isPresent())) {
            throw new IllegalArgumentException("an OK row carries no error");
        }
        if (status == Status.FAILED && (errorCode.isEmpty() || !detections.isEmpty())) {
            throw new IllegalArgumentException("a FAILED row needs an error code and carries no detections");
        }
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("image size must be >= 0");
        }
        if (!(uncertainty >= 0f && uncertainty <= 1f)) {
            throw new IllegalArgumentException("uncertainty must be in [0, 1], got " + uncertainty);
        }
        if (status == Status.FAILED && uncertainty != 0f) {
            throw new IllegalArgumentException("a FAILED row is not scored: its uncertainty is 0");
        }
    }

    /** This row, recording the fingerprint of the image content it was labeled from. */
    public LabeledImage withFingerprint(String contentFingerprint) {
        return new LabeledImage(imageId, uri, width, height, status, errorCode, errorMessage, detections, provenance,
                labeledAt, extra, uncertainty, Optional.of(contentFingerprint));
    }

    /** This row with other pass-through fields (an incremental run reuses labels under the current manifest's). */
    public LabeledImage withExtra(Map<String, String> newExtra) {
        return new LabeledImage(imageId, uri, width, height, status, errorCode, errorMessage, detections, provenance,
                labeledAt, newExtra, uncertainty, fingerprint);
    }

    /** An OK row with uncertainty 0 (set the review score with {@link #withUncertainty}). */
    public static LabeledImage ok(String imageId, String uri, int width, int height, List<LabeledDetection> detections,
            Provenance provenance, Instant labeledAt, Map<String, String> extra) {
        return new LabeledImage(imageId, uri, width, height, Status.OK, Optional.empty(), Optional.empty(),
                detections, provenance, labeledAt, extra, 0f, Optional.empty());
    }

    public static LabeledImage failed(String imageId, String uri, ErrorCode code, String message,
            Provenance provenance, Instant labeledAt, Map<String, String> extra) {
        return new LabeledImage(imageId, uri, 0, 0, Status.FAILED, Optional.of(code), Optional.of(message),
                List.of(), provenance, labeledAt, extra, 0f, Optional.empty());
    }

    /** This row with its review score set (OK rows only; FAILED rows stay at 0). */
    public LabeledImage withUncertainty(float score) {
        return new LabeledImage(imageId, uri, width, height, status, errorCode, errorMessage, detections, provenance,
                labeledAt, extra, score, fingerprint);
    }
}
