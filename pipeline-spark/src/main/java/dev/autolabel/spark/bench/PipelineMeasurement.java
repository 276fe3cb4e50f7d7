package dev.autolabel.spark.bench;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The full pipeline's rate (c) for one image source and Spark master: images/s of each repeat (run.json's
 * images / wall time, from job start to the last commit) and the stage breakdown of the best repeat
 * (thread-seconds summed over tasks; see run.json {@code stage_seconds}).
 */
public record PipelineMeasurement(String source, String master, long images, List<Double> imagesPerSecond,
        Map<String, Double> bestStageSeconds, double bestWallSeconds) {

    private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?]");

    public PipelineMeasurement {
        requireNonNull(source, "source");
        requireNonNull(master, "master");
        imagesPerSecond = List.copyOf(imagesPerSecond);
        bestStageSeconds = new LinkedHashMap<>(bestStageSeconds);
        if (imagesPerSecond.isEmpty()) {
            throw new IllegalArgumentException("a measurement needs at least one run");
        }
    }

    /**
     * Share of the best run's wall time its inference threads spent running batches (pass 1, pass 2, merge), per
     * task slot of the master: what is missing to 1 is the pipeline's overhead and stalls (start, filling the first
     * batch, the last short batch, waiting for images, commits, the driver's work).
     */
    public double inferenceBusyShare() {
        double busy = bestStageSeconds.getOrDefault("infer_pass1", 0.0) + bestStageSeconds.getOrDefault("infer_pass2", 0.0)
                + bestStageSeconds.getOrDefault("merge", 0.0);
        return busy / (bestWallSeconds * slots());
    }

    /** Concurrent tasks of a local master: local[N] runs N, local[*] one per core. */
    int slots() {
        return slotsOf(master);
    }

    /** Concurrent tasks of {@code master} when local (local[N]: N, local[*]: one per core), else 1. */
    static int slotsOf(String master) {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches()) {
            return 1;
        }
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }

    /** The best repeat: the machine's other work only ever slows a run down. */
    public double best() {
        return imagesPerSecond.stream().max(Comparator.naturalOrder()).orElseThrow();
    }
}
