package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's counts over its committed shards, merged from the shards' commit markers by the executors, so the driver
 * receives a few of these instead of one entry per shard: counts by status, error code, source and label (bounded
 * by the labels, not the shards), shards committed before this run ({@code reused}), and what this run labeled
 * itself ({@code imagesNow}, {@code failedNow}, {@code fromParentNow}, stage times, what went through the models:
 * {@link ShardSummary#inferenceCounts}).
 */
public record RunTotals(long shards, long shardsReused, long images, long labeled, long failed, long rowsFromParent,
        long imagesNow, long failedNow, long fromParentNow, Map<String, Long> failedByCode,
        Map<String, Long> detectionsBySource, Map<String, Long> detectionsByLabel, Map<String, Double> stageSeconds,
        Map<String, Long> inferenceCounts) implements Serializable {

    /** No shards. */
    public static final RunTotals EMPTY = new RunTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of(),
            Map.of());

    public RunTotals {
        failedByCode = new TreeMap<>(requireNonNull(failedByCode, "failedByCode"));
        detectionsBySource = new TreeMap<>(requireNonNull(detectionsBySource, "detectionsBySource"));
        detectionsByLabel = new TreeMap<>(requireNonNull(detectionsByLabel, "detectionsByLabel"));
        stageSeconds = new LinkedHashMap<>(requireNonNull(stageSeconds, "stageSeconds"));
        inferenceCounts = new TreeMap<>(requireNonNull(inferenceCounts, "inferenceCounts"));
    }

    /** One committed shard; {@code reused}: committed before this run (its images do not count as labeled now). */
    public static RunTotals of(ShardSummary shard, boolean reused) {
        long now = reused ? 0 : 1;
        return new RunTotals(1, 1 - now, shard.images(), shard.labeled(), shard.failed(), shard.rowsFromParent(),
                now * shard.images(), now * shard.failed(), now * shard.rowsFromParent(), shard.failedByCode(),
                shard.detectionsBySource(), shard.detectionsByLabel(), reused ? Map.of() : shard.stageSeconds(),
                reused ? Map.of() : shard.inferenceCounts());
    }

    /** The totals of shard summaries (each reused as it says). */
    public static RunTotals of(List<ShardSummary> shards) {
        RunTotals total = EMPTY;
        for (ShardSummary s : shards) {
            total = total.plus(of(s, s.reused()));
        }
        return total;
    }

    public RunTotals plus(RunTotals o) {
        return new RunTotals(shards + o.shards, shardsReused + o.shardsReused, images + o.images, labeled + o.labeled,
                failed + o.failed, rowsFromParent + o.rowsFromParent, imagesNow + o.imagesNow, failedNow + o.failedNow,
                fromParentNow + o.fromParentNow, sum(failedByCode, o.failedByCode),
                sum(detectionsBySource, o.detectionsBySource), sum(detectionsByLabel, o.detectionsByLabel),
                sumSeconds(stageSeconds, o.stageSeconds), sum(inferenceCounts, o.inferenceCounts));
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> total = new TreeMap<>(a);
        b.forEach((k, v) -> total.merge(k, v, Long::sum));
        return total;
    }

    private static Map<String, Double> sumSeconds(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> total = new LinkedHashMap<>(a);
        b.forEach((k, v) -> total.merge(k, v, Double::sum));
        return total;
    }
}
