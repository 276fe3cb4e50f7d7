package dev.autolabel.label;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Tile;
import java.util.List;
import java.util.Optional;

/**
 * One label in the output: the box in original-image pixels, its class and score, and where it came from.
 * {@code prompt} is set for open-vocabulary labels (the prompt that fired); {@code fineLabel} is an optional
 * enrichment from pass 2 on a pass-1 label; {@code qaFlags} lists the auto-QA outcomes recorded for it.
 * {@code threshold} is the score threshold the label passed (its class's, or its pass's default); labels read
 * from shards written before it was recorded have none. {@code tile} is the tile of the image the model saw when
 * it found the label (tiled inference), empty when it saw the whole image.
 */
public record LabeledDetection(
        String label,
        int classId,
        float score,
        Box box,
        Source source,
        Optional<String> prompt,
        Optional<String> fineLabel,
        List<String> qaFlags,
        Optional<Float> threshold,
        Optional<Tile> tile) {

    /** A label without a recorded threshold, found on the whole image. */
    public LabeledDetection(String label, int classId, float score, Box box, Source source, Optional<String> prompt,
            Optional<String> fineLabel, List<String> qaFlags) {
        this(label, classId, score, box, source, prompt, fineLabel, qaFlags, Optional.empty());
    }

    /** A label found on the whole image. */
    public LabeledDetection(String label, int classId, float score, Box box, Source source, Optional<String> prompt,
            Optional<String> fineLabel, List<String> qaFlags, Optional<Float> threshold) {
        this(label, classId, score, box, source, prompt, fineLabel, qaFlags, threshold, Optional.empty());
    }

    public LabeledDetection {
        requireNonNull(label, "label");
        requireNonNull(box, "box");
        requireNonNull(source, "source");
        requireNonNull(prompt, "prompt");
        requireNonNull(fineLabel, "fineLabel");
        qaFlags = List.copyOf(requireNonNull(qaFlags, "qaFlags"));
        requireNonNull(threshold, "threshold");
        requireNonNull(tile, "tile");
        threshold.ifPresent(t -> {
            if (!(t >= 0f && t <= 1f)) {
                throw new IllegalArgumentException("threshold must be in [0, 1], got " + t);
            }
        });
        if (!(score >= 0f && score <= 1f)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
        if (source == Source.OPEN_VOCAB && prompt.isEmpty()) {
            throw new IllegalArgumentException("an open_vocab label must record its prompt");
        }
    }

    public LabeledDetection withFineLabel(String fine) {
        return new LabeledDetection(label, classId, score, box, source, prompt, Optional.of(fine), qaFlags, threshold, tile);
    }

    public LabeledDetection withQaFlag(String flag) {
        if (qaFlags.contains(flag)) {
            return this;
        }
        List<String> flags = new java.util.ArrayList<>(qaFlags);
        flags.add(flag);
        return new LabeledDetection(label, classId, score, box, source, prompt, fineLabel, flags, threshold, tile);
    }

    /** This label with its box replaced (e.g. clipped to the image); everything else is kept. */
    public LabeledDetection withBox(Box newBox) {
        return new LabeledDetection(label, classId, score, newBox, source, prompt, fineLabel, qaFlags, threshold, tile);
    }
}
