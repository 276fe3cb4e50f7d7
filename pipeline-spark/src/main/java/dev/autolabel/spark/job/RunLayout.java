package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * Where a run's files go: {@code <output>/<runId>/part-NNNNN.parquet}, commit markers under {@code _committed/},
 * and {@code run.json}. Names are deterministic so a retried or speculative task overwrites, never duplicates.
 */
public record RunLayout(String output, String runId) implements Serializable {

    public RunLayout {
        requireNonNull(output, "output");
        requireNonNull(runId, "runId");
        if (output.isBlank()) {
            throw new IllegalArgumentException("run output location must not be blank");
        }
    }

    public String runDir() {
        return stripSlash(output) + "/" + runId;
    }

    public String shardUri(int shard) {
        return runDir() + "/" + shardName(shard) + ".parquet";
    }

    /** Present only once the shard's Parquet file is complete; holds the shard's summary as JSON. */
    public String markerUri(int shard) {
        return runDir() + "/_committed/" + shardName(shard) + ".json";
    }

    public String runSummaryUri() {
        return runDir() + "/run.json";
    }

    /** The run report for people (self-contained HTML). */
    public String reportUri() {
        return runDir() + "/report.html";
    }

    private static String shardName(int shard) {
        return String.format("part-%05d", shard);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
