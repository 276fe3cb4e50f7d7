package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run folder holds as committed: the shards whose commit marker exists. Used by the driver when a run
 * stops early, where the markers (not the cancelled job's results) are the truth.
 */
final class CommittedShards {

    private static final Pattern SHARD_FILE = Pattern.compile("part-(\\d+)\\.parquet");

    private final BlobStore store;
    private final RunLayout layout;

    CommittedShards(BlobStore store, RunLayout layout) {
        this.store = requireNonNull(store, "store");
        this.layout = requireNonNull(layout, "layout");
    }

    /** URIs of the commit markers present now. */
    Set<String> markers() throws IOException {
        Set<String> markers = new HashSet<>();
        for (String uri : store.list(layout.runDir() + "/_committed/")) {
            if (uri.endsWith(".json")) {
                markers.add(uri);
            }
        }
        return markers;
    }

    /** The summaries of all committed shards; those whose marker is in {@code before} are marked reused. */
    List<ShardSummary> read(Set<String> before) throws IOException {
        List<ShardSummary> shards = new ArrayList<>();
        for (String marker : markers().stream().sorted().toList()) {
            ShardSummary summary = MarkerCodec.read(store, marker);
            shards.add(before.contains(marker) ? summary.asReused() : summary);
        }
        return shards;
    }

    /**
     * Deletes shard files without a commit marker (a task stopped between upload and marker), so that a
     * glob over {@code part-*.parquet} sees committed rows only. Returns how many were deleted.
     */
    int deleteUncommitted() throws IOException {
        Set<String> markers = markers();
        int deleted = 0;
        for (String uri : store.list(layout.runDir() + "/part-")) {
            Matcher m = SHARD_FILE.matcher(uri.substring(uri.lastIndexOf('/') + 1));
            if (m.matches() && !markers.contains(layout.markerUri(Integer.parseInt(m.group(1))))) {
                store.delete(uri);
                deleted++;
            }
        }
        return deleted;
    }
}
