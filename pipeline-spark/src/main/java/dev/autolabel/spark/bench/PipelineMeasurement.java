package dev.autolabel.spark.bench;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full pipeline's rate (c) for one image source and Spark master: images/s of each repeat (run.json's
 * images / wall time, from job start to the last commit) and the stage breakdown of the best repeat
 * (thread-seconds summed over tasks; see run.json {@code stage_seconds}).
 */
public record PipelineMeasurement(String source, String master, long images, List<Double> imagesPerSecond,
        Map<String, Double> bestStageSeconds, double bestWallSeconds) {

    public PipelineMeasurement {
        requireNonNull(source, "source");
        requireNonNull(master, "master");
        imagesPerSecond = List.copyOf(imagesPerSecond);
        bestStageSeconds = new LinkedHashMap<>(bestStageSeconds);
        if (imagesPerSecond.isEmpty()) {
            throw new IllegalArgumentException("a measurement needs at least one run");
        }
    }

    /** The best repeat: the machine's other work only ever slows a run down. */
    public double best() {
        return imagesPerSecond.stream().max(Comparator.naturalOrder()).orElseThrow();
    }
}
