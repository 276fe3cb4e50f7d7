package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reviewed labels of a run, stored as a versioned file next to it ({@code reviews/review-NNN.json}): the sample that
 * was reviewed (with its sampling design, so estimates can weight by it), each reviewed image's {@link ImageReview},
 * where the reviews came from ({@code sourceKind} labelstudio or coco, the file and its SHA-256) and the IoU a kept
 * box needed with the reviewer's final box to count as correct. Images of the sample that were not reviewed are
 * simply absent.
 */
public record ReviewSet(String name, Instant importedAt, String sourceKind, String sourceFile, String sourceSha256,
        double reviewIou, ReviewSample sample, List<ImageReview> reviews) {

    public ReviewSet {
        requireNonNull(name, "name");
        requireNonNull(importedAt, "importedAt");
        requireNonNull(sourceKind, "sourceKind");
        requireNonNull(sourceFile, "sourceFile");
        requireNonNull(sourceSha256, "sourceSha256");
        requireNonNull(sample, "sample");
        reviews = List.copyOf(requireNonNull(reviews, "reviews"));
        for (ImageReview r : reviews) {
            if (sample.image(r.row()).isEmpty()) {
                throw new IllegalArgumentException("review of row " + r.row() + ", which is not in sample " + sample.sampleId());
            }
        }
    }

    /** The verdict on every reviewed sampled label, by label id. */
    public Map<String, Verdict> sampledVerdicts() {
        Map<String, Verdict> out = new TreeMap<>();
        for (ImageReview r : reviews) {
            SampleImage image = sample.image(r.row()).orElseThrow();
            for (SampleLabel label : image.sampledLabels()) {
                Verdict v = r.verdicts().get(label.id());
                if (v != null) {
                    out.put(label.id(), v);
                }
            }
        }
        return out;
    }

    /** Reviewed sampled labels. */
    public int reviewedLabels() {
        return sampledVerdicts().size();
    }
}
