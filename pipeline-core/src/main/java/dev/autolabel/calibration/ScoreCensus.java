package dev.autolabel.calibration;

import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first pass over a run for a review sample: how many labels each pass-class has in each score bin. Memory is
 * one histogram per class, whatever the run's size. Not thread-safe.
 */
public final class ScoreCensus {

    private final Map<ClassKey, long[]> histograms = new TreeMap<>();

    public void add(LabeledImage image) {
        for (LabeledDetection d : image.detections()) {
            histograms.computeIfAbsent(new ClassKey(d.source(), d.label()), k -> new long[ScoreGrid.BINS])
                    [ScoreGrid.bin(d.score())]++;
        }
    }

    /** Labels per score bin, by class (a copy). */
    public Map<ClassKey, long[]> histograms() {
        Map<ClassKey, long[]> out = new TreeMap<>();
        histograms.forEach((k, h) -> out.put(k, h.clone()));
        return out;
    }
}
