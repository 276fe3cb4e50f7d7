package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An image with at least one sampled label: its position in the run ({@code row}, counting rows of all shards in
 * order), id, URI, size and every label the run gave it.
 */
public record SampleImage(long row, String imageId, String uri, int width, int height, List<SampleLabel> labels) {

    public SampleImage {
        requireNonNull(imageId, "imageId");
        requireNonNull(uri, "uri");
        labels = List.copyOf(requireNonNull(labels, "labels"));
        if (row < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("bad sampled image " + imageId + ": row " + row + ", " + width + "x" + height);
        }
    }

    public List<SampleLabel> sampledLabels() {
        return labels.stream().filter(SampleLabel::sampled).toList();
    }
}
