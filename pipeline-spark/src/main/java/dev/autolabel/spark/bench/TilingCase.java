package dev.autolabel.spark.bench;

import static java.util.Objects.requireNonNull;

import dev.autolabel.spark.job.RunSummary;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of the tiling benchmark (tiling off or on): the images/s of each round and, from the best round, its
 * wall time, the model inputs pass 1 ran on (whole views and tiles, from run.json {@code inference}) and the
 * stage breakdown (thread-seconds, from run.json {@code stage_seconds}).
 */
public record TilingCase(String name, long images, List<Double> imagesPerSecond, double bestWallSeconds,
        long fullViews, long tiles, Map<String, Double> bestStageSeconds, int slots) {

    public TilingCase {
        requireNonNull(name, "name");
        imagesPerSecond = List.copyOf(imagesPerSecond);
        bestStageSeconds = new LinkedHashMap<>(bestStageSeconds);
        if (imagesPerSecond.isEmpty() || slots < 1) {
            throw new IllegalArgumentException("a case needs at least one run and a task slot");
        }
    }

    static TilingCase of(String name, String master, List<RunSummary> runs) {
        RunSummary best = runs.stream().max(Comparator.comparingDouble(RunSummary::imagesPerSecond)).orElseThrow();
        Map<String, Long> counts = best.inferenceCounts();
        return new TilingCase(name, best.images(), runs.stream().map(RunSummary::imagesPerSecond).toList(),
                best.wallSeconds(), counts.getOrDefault("pass1_full_views", 0L), counts.getOrDefault("pass1_tiles", 0L),
                best.stageSeconds(), PipelineMeasurement.slotsOf(master));
    }

    /** The best round's images per second. */
    public double best() {
        return imagesPerSecond.stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    /** What the model ran on per image: 1 without tiling, tiles + 1 with (the whole image too). */
    public double modelInputsPerImage() {
        return images == 0 ? 0 : (double) (fullViews + tiles) / images;
    }

    /** Model inputs (tiles and whole views) per second of the best round's wall time. */
    public double modelInputsPerSecond() {
        return bestWallSeconds <= 0 ? 0 : (fullViews + tiles) / bestWallSeconds;
    }

    /** Tiles alone per second of the best round's wall time. */
    public double tilesPerSecond() {
        return bestWallSeconds <= 0 ? 0 : tiles / bestWallSeconds;
    }

    /** Share of the best round's wall time the inference thread was busy (inference and merge, per task slot). */
    public double inferenceBusyShare() {
        double busy = bestStageSeconds.getOrDefault("infer_pass1", 0.0) + bestStageSeconds.getOrDefault("infer_pass2", 0.0)
                + bestStageSeconds.getOrDefault("merge", 0.0);
        return bestWallSeconds <= 0 ? 0 : busy / (bestWallSeconds * slots);
    }
}
