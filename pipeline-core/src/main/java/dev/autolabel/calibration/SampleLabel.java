package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;

/**
 * One label of a sampled image, as the run wrote it: its id ({@code r<row>d<index>}: the row's position in the run
 * and the label's position in the row, stable for a finished run; Label Studio keeps it as the region id), class,
 * score, box (original pixels) and score band. {@code sampled} marks the labels drawn into the sample; the others
 * are shown to the reviewer with them (a review corrects the whole image) but do not enter precision estimates.
 */
public record SampleLabel(String id, int detection, ClassKey key, float score, Box box, int band, boolean sampled) {

    public SampleLabel {
        requireNonNull(id, "id");
        requireNonNull(key, "key");
        requireNonNull(box, "box");
        if (!id.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("label ids are A-Za-z0-9_- (Label Studio region ids), got '" + id + "'");
        }
    }

    public static String idOf(long row, int detection) {
        return "r" + row + "d" + detection;
    }
}
