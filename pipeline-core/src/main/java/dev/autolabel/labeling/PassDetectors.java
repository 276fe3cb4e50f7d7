package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.merge.GapFillMerge;
import dev.autolabel.merge.OpenVocabPass;
import dev.autolabel.merge.PrecisionPass;
import dev.autolabel.image.InputSpec;
import dev.autolabel.model.Detector;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The per-thread model side of labeling: pass-1 and optional pass-2 detectors (sharing JVM-wide sessions)
 * with their filters and the merge.
 */
public record PassDetectors(Detector precision, PrecisionPass precisionPass, Optional<Detector> openVocab,
        Optional<OpenVocabPass> openVocabPass, GapFillMerge merge) {

    public PassDetectors {
        requireNonNull(precision, "precision");
        requireNonNull(precisionPass, "precisionPass");
        requireNonNull(openVocab, "openVocab");
        requireNonNull(openVocabPass, "openVocabPass");
        requireNonNull(merge, "merge");
        if (openVocab.isPresent() != openVocabPass.isPresent()) {
            throw new IllegalArgumentException("open-vocab detector and filter come together");
        }
    }

    /** The image inputs of the passes' models: what decoded images are fitted into. */
    public List<InputSpec> inputSpecs() {
        return Stream.concat(Stream.of(precision), openVocab.stream()).map(Detector::inputSpec).toList();
    }
}
