package dev.autolabel.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * Run identity, output location and how the run is cut into shards. An empty id means "let the launcher
 * generate one". Each shard holds at most {@code imagesPerShard} manifest rows and becomes one Parquet file.
 * {@code since} names an earlier run under the same output whose labels are reused for unchanged images.
 * {@code failurePolicy} says when too many FAILED rows stop the run.
 */
public record RunSettings(Optional<String> runId, String output, int imagesPerShard, Duration progressInterval,
        Optional<String> since, FailurePolicy failurePolicy) {

    public RunSettings {
        requireNonNull(runId, "runId");
        requireNonNull(output, "output");
        requireNonNull(progressInterval, "progressInterval");
        requireNonNull(since, "since");
        requireNonNull(failurePolicy, "failurePolicy");
        runId.ifPresent(RunSettings::checkRunId);
        since.ifPresent(RunSettings::checkRunId);
        if (since.isPresent() && since.equals(runId)) {
            throw new IllegalArgumentException("run.since must name another run than run.id ('" + since.get() + "')");
        }
        if (imagesPerShard < 1) {
            throw new IllegalArgumentException("run.images-per-shard must be >= 1, got " + imagesPerShard);
        }
    }

    /** Run ids become folder names: letters, digits, '.', '_' and '-' only. */
    public static void checkRunId(String id) {
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("run id '" + id + "' may only use letters, digits, '.', '_' and '-'"
                    + " (it becomes a folder name)");
        }
    }
}
