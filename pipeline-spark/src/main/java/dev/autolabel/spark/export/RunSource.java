package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.RunSettings;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished run to read, possibly several times (an export may stream it in more than one pass): the run
 * folder {@code <output>/<run_id>} as a local path, file: URI or s3:// URI.
 */
public record RunSource(BlobStore store, RunLayout layout) {

    public RunSource {
        requireNonNull(store, "store");
        requireNonNull(layout, "layout");
    }

    /** The layout of the run folder {@code runDir} ({@code <output>/<run_id>}, trailing slash allowed). */
    public static RunLayout layoutOf(String runDir) {
        String dir = runDir.strip();
        while (dir.endsWith("/") && dir.length() > 1) {
            dir = dir.substring(0, dir.length() - 1);
        }
        if (!dir.contains(":")) {
            dir = Path.of(dir).toAbsolutePath().normalize().toString();
        }
        int slash = dir.lastIndexOf('/');
        String parent = slash < 0 ? "" : dir.substring(0, slash);
        String runId = dir.substring(slash + 1);
        if (parent.isEmpty() || parent.endsWith("/") || runId.isEmpty()) {
            throw new IllegalArgumentException("--run must be a run folder <output>/<run_id>, got '" + runDir + "'");
        }
        RunSettings.checkRunId(runId);
        return new RunLayout(parent, runId);
    }

    /** Fails with a message for the user when there is no run at this place (a wrong --run is the usual cause). */
    public void checkExists() throws IOException {
        boolean shards = store.list(layout.runDir() + "/part-").stream().anyMatch(u -> u.endsWith(".parquet"));
        if (!shards && !store.exists(layout.runSummaryUri())) {
            throw new IllegalArgumentException("no run at " + layout.runDir() + " (no part-*.parquet shards and no run.json)");
        }
    }

    /** The run's shard files in run order. */
    public List<String> shards() throws IOException {
        return RunReader.shardsOf(store, layout);
    }

    /** A fresh reader over every shard, from the first row. */
    public RunReader open() throws IOException {
        return new RunReader(store, layout);
    }
}
