package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The driver's totals for a run, written as {@code run.json}: how it ended, counts by status, error code, source
 * and label, timing and throughput, what produced the labels (config hash, model hashes, Spark master and
 * executors) and, for an incremental run, its parent run and how many rows were copied from it. {@code totals}
 * cover the committed shards (all of them unless the run stopped early). {@code thresholds} are the score thresholds
 * the labels passed and, when calibrated, the review set they came from.
 */
public record RunSummary(String runId, String manifest, String runDir, Instant startedAt, Instant finishedAt,
        RunTotals totals, String configHash, Map<String, String> modelHashes, String sparkMaster,
        int executors, String effectiveConfigJson, Optional<String> parentRun, RunStatus status,
        Optional<RunThresholds> thresholds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public RunSummary {
        requireNonNull(runId, "runId");
        requireNonNull(manifest, "manifest");
        requireNonNull(runDir, "runDir");
        requireNonNull(startedAt, "startedAt");
        requireNonNull(finishedAt, "finishedAt");
        requireNonNull(totals, "totals");
        requireNonNull(configHash, "configHash");
        modelHashes = new TreeMap<>(requireNonNull(modelHashes, "modelHashes"));
        requireNonNull(sparkMaster, "sparkMaster");
        requireNonNull(effectiveConfigJson, "effectiveConfigJson");
        requireNonNull(parentRun, "parentRun");
        requireNonNull(status, "status");
        requireNonNull(thresholds, "thresholds");
    }

    /** A summary whose thresholds are not known (tests of the totals). */
    public RunSummary(String runId, String manifest, String runDir, Instant startedAt, Instant finishedAt,
            RunTotals totals, String configHash, Map<String, String> modelHashes, String sparkMaster,
            int executors, String effectiveConfigJson, Optional<String> parentRun, RunStatus status) {
        this(runId, manifest, runDir, startedAt, finishedAt, totals, configHash, modelHashes, sparkMaster, executors,
                effectiveConfigJson, parentRun, status, Optional.empty());
    }

    /** A completed run without a parent run. */
    public RunSummary(String runId, String manifest, String runDir, Instant startedAt, Instant finishedAt,
            RunTotals totals, String configHash, Map<String, String> modelHashes, String sparkMaster, int executors,
            String effectiveConfigJson) {
        this(runId, manifest, runDir, startedAt, finishedAt, totals, configHash, modelHashes, sparkMaster, executors,
                effectiveConfigJson, Optional.empty(), RunStatus.COMPLETED);
    }

    /** FAILED rows by error code, over the committed shards. */
    public Map<String, Long> failedByCode() {
        return totals.failedByCode();
    }

    public long images() {
        return totals.images();
    }

    public long labeled() {
        return totals.labeled();
    }

    public long failed() {
        return totals.failed();
    }

    /** Committed shards. */
    public long shardCount() {
        return totals.shards();
    }

    /** Committed shards that were committed before this run (a resumed run skips them). */
    public long shardsReused() {
        return totals.shardsReused();
    }

    /** Rows copied from the parent run (no model work). */
    public long rowsFromParent() {
        return totals.rowsFromParent();
    }

    /** Rows this run fetched and labeled itself (OK or FAILED): every row not copied from the parent. */
    public long rowsLabeled() {
        return images() - rowsFromParent();
    }

    public double wallSeconds() {
        return (finishedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
    }

    /** Images per second of wall time, counting only shards labeled by this run (not reused ones). */
    public double imagesPerSecond() {
        return wallSeconds() > 0 ? totals.imagesNow() / wallSeconds() : 0;
    }

    /** Seconds per labeling stage, summed over the tasks of the shards labeled by this run (not reused ones). */
    public Map<String, Double> stageSeconds() {
        return totals.stageSeconds();
    }

    /** What went through the models, summed over the shards labeled by this run ({@link ShardSummary#inferenceCounts}). */
    public Map<String, Long> inferenceCounts() {
        return totals.inferenceCounts();
    }

    /**
     * run.json's {@code inference}: images and images tiled, then per pass the whole views, tiles and model runs,
     * model inputs per image (1 without tiling: the inference cost as a multiple of labeling each image whole), tiles
     * per tiled image and inputs per model run (how full batches were).
     */
    private ObjectNode inferenceJson() {
        Map<String, Long> counts = inferenceCounts();
        long images = counts.getOrDefault("images", 0L);
        long tiled = counts.getOrDefault("images_tiled", 0L);
        ObjectNode node = JSON.createObjectNode().put("images", images).put("images_tiled", tiled);
        for (String pass : List.of("pass1", "pass2")) {
            long full = counts.getOrDefault(pass + "_full_views", 0L);
            long tiles = counts.getOrDefault(pass + "_tiles", 0L);
            long runs = counts.getOrDefault(pass + "_runs", 0L);
            if (full + tiles == 0) {
                continue;
            }
            node.putObject(pass).put("full_views", full).put("tiles", tiles).put("runs", runs)
                    .put("model_inputs_per_image", images == 0 ? 0 : (double) (full + tiles) / images)
                    .put("tiles_per_tiled_image", tiled == 0 ? 0 : (double) tiles / tiled)
                    .put("inputs_per_run", runs == 0 ? 0 : (double) (full + tiles) / runs);
        }
        return node;
    }

    public byte[] toJson() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("run_id", runId).put("status", status.name()).put("manifest", manifest).put("output", runDir)
                .put("started_at", startedAt.toString()).put("finished_at", finishedAt.toString())
                .put("wall_seconds", wallSeconds()).put("images_per_second", imagesPerSecond())
                .put("images", images()).put("labeled", labeled()).put("failed", failed());
        root.set("failed_by_code", JSON.valueToTree(failedByCode()));
        root.set("detections_by_source", JSON.valueToTree(totals.detectionsBySource()));
        root.set("detections_by_label", JSON.valueToTree(totals.detectionsByLabel()));
        root.set("stage_seconds", JSON.valueToTree(stageSeconds()));
        root.set("inference", inferenceJson());
        root.put("shards", shardCount()).put("shards_reused", shardsReused());
        root.put("parent_run", parentRun.orElse(null)).put("rows_reused_from_parent", rowsFromParent())
                .put("rows_labeled", rowsLabeled());
        root.put("config_hash", configHash);
        root.set("model_hashes", JSON.valueToTree(modelHashes));
        root.putObject("spark").put("master", sparkMaster).put("executors", executors);
        if (thresholds.isPresent()) {
            thresholds.get().addTo(root, JSON);
        } else {
            root.putNull("thresholds").putNull("calibration");
        }
        root.set("config", JSON.readTree(effectiveConfigJson));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }
}
