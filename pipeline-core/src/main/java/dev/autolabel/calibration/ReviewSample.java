package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stratified review sample of a run's labels (what {@code autolabel review sample} draws): per pass-class, labels
 * drawn uniformly within score bands ({@link ClassStrata}); the images holding them, with all their labels
 * ({@link SampleImage}). Drawn again from the same run with the same {@code seed}, {@code perClass} and
 * {@code bands}, it is the same sample.
 */
public record ReviewSample(String sampleId, String runId, String runDir, long seed, int perClass, int bands,
        List<ClassStrata> classes, List<SampleImage> images) {

    public ReviewSample {
        requireNonNull(sampleId, "sampleId");
        requireNonNull(runId, "runId");
        requireNonNull(runDir, "runDir");
        classes = List.copyOf(requireNonNull(classes, "classes"));
        images = List.copyOf(requireNonNull(images, "images"));
        if (perClass < 1 || bands < 1) {
            throw new IllegalArgumentException("per-class and bands must be >= 1");
        }
    }

    /** The id of a sample drawn with these settings (names its files). */
    public static String idFor(long seed, int perClass, int bands) {
        return "s" + seed + "-n" + perClass + "-b" + bands;
    }

    public Map<ClassKey, ClassStrata> strataByClass() {
        Map<ClassKey, ClassStrata> out = new TreeMap<>();
        classes.forEach(c -> out.put(c.key(), c));
        return out;
    }

    public Optional<SampleImage> image(long row) {
        return images.stream().filter(i -> i.row() == row).findFirst();
    }

    public int sampledLabels() {
        return images.stream().mapToInt(i -> i.sampledLabels().size()).sum();
    }
}
