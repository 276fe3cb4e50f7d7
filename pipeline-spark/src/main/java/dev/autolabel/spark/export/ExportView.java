package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Source;
import dev.autolabel.label.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an export sees of a row: OK rows only (FAILED rows have no image size and no labels), detections with a
 * score of at least {@code minScore} from the chosen sources, boxes clipped to the image (exports must stay in
 * range), and zero-area boxes dropped. Every export, selection and count goes through the same view.
 */
public record ExportView(float minScore, Set<Source> sources) {

    public ExportView {
        sources = Set.copyOf(requireNonNull(sources, "sources"));
        if (!(minScore >= 0f && minScore <= 1f)) {
            throw new IllegalArgumentException("--min-score must be in [0, 1], got " + minScore);
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("--sources must name at least one of precise, open_vocab");
        }
    }

    /** Every OK row and every label as stored. */
    public static ExportView all() {
        return new ExportView(0f, Set.of(Source.values()));
    }

    public Optional<LabeledImage> apply(LabeledImage row) {
        if (row.status() != Status.OK) {
            return Optional.empty();
        }
        List<LabeledDetection> kept = new ArrayList<>();
        for (LabeledDetection d : row.detections()) {
            if (d.score() < minScore || !sources.contains(d.source())) {
                continue;
            }
            Box clipped = d.box().clipTo(row.width(), row.height());
            if (clipped.area() > 0f) {
                kept.add(clipped.equals(d.box()) ? d : d.withBox(clipped));
            }
        }
        return Optional.of(LabeledImage.ok(row.imageId(), row.uri(), row.width(), row.height(), kept, row.provenance(),
                row.labeledAt(), row.extra()).withUncertainty(row.uncertainty()));
    }
}
