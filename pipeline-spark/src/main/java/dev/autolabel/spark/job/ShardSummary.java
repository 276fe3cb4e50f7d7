package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Status;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts for one committed shard; stored as its commit marker, so a resumed run can total the whole run
 * without reading shards again. {@code reused} is true when this run found the shard already committed.
 * {@code rowsFromParent} of the shard's rows were copied from the parent run of an incremental run (no model work).
 * {@code stageSeconds}: time per labeling stage (fetch, decode, infer_pass1, infer_pass2, merge, write).
 * {@code inferenceCounts}: what went through the models ({@code dev.autolabel.labeling.InferenceCounts#asMap}:
 * images, images tiled, whole views, tiles and model runs per pass).
 */
public record ShardSummary(int shard, long images, long labeled, long failed, Map<String, Long> failedByCode,
        Map<String, Long> detectionsBySource, Map<String, Long> detectionsByLabel, double labelSeconds, boolean reused,
        long rowsFromParent, Map<String, Double> stageSeconds, Map<String, Long> inferenceCounts) implements Serializable {

    public ShardSummary {
        failedByCode = new TreeMap<>(requireNonNull(failedByCode, "failedByCode"));
        // Markers written before stage timings (or inference counts) existed have none: Jackson passes null.
        stageSeconds = stageSeconds == null ? Map.of() : new LinkedHashMap<>(stageSeconds);
        inferenceCounts = inferenceCounts == null ? Map.of() : new LinkedHashMap<>(inferenceCounts);
        detectionsBySource = new TreeMap<>(requireNonNull(detectionsBySource, "detectionsBySource"));
        detectionsByLabel = new TreeMap<>(requireNonNull(detectionsByLabel, "detectionsByLabel"));
        if (images != labeled + failed) {
            throw new IllegalArgumentException("shard " + shard + ": images " + images + " != labeled " + labeled
                    + " + failed " + failed);
        }
        if (rowsFromParent < 0 || rowsFromParent > images) {
            throw new IllegalArgumentException("shard " + shard + ": rows from parent " + rowsFromParent
                    + " not in 0.." + images);
        }
    }

    /** Accumulates the rows of one shard as they are written. */
    public static final class Builder {
        private final int shard;
        private long images;
        private long labeled;
        private long failed;
        private long fromParent;
        private final Map<String, Long> failedByCode = new TreeMap<>();
        private final Map<String, Long> bySource = new TreeMap<>();
        private final Map<String, Long> byLabel = new TreeMap<>();

        public Builder(int shard) {
            this.shard = shard;
        }

        public void add(LabeledImage row) {
            images++;
            if (row.status() == Status.FAILED) {
                failed++;
                failedByCode.merge(row.errorCode().orElseThrow().name(), 1L, Long::sum);
                return;
            }
            labeled++;
            for (LabeledDetection d : row.detections()) {
                bySource.merge(d.source().wireName(), 1L, Long::sum);
                byLabel.merge(d.label(), 1L, Long::sum);
            }
        }

        /** Counts a row copied from the parent run. */
        public void addFromParent(LabeledImage row) {
            add(row);
            fromParent++;
        }

        public ShardSummary build(double labelSeconds, Map<String, Double> stageSeconds,
                Map<String, Long> inferenceCounts) {
            return new ShardSummary(shard, images, labeled, failed, failedByCode, bySource, byLabel, labelSeconds, false,
                    fromParent, stageSeconds, inferenceCounts);
        }
    }
}
