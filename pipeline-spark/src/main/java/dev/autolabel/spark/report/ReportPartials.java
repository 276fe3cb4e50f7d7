package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.output.ShardReader;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report partial of each shard, stored as {@code <run>/_report/<shard name>.json} (e.g. {@code _report/part-00042.json}
 * for {@code part-00042.parquet}). The task that labels a shard writes it just before the commit marker
 * ({@link #writeFor}), so every committed shard has one, and a resumed run keeps those of the shards it skips. Runs
 * written before partials existed get them computed from the shards when a report needs them ({@link #obtain}).
 */
public final class ReportPartials {

    /** The folder of the partials, next to {@code _committed/}. */
    static final String FOLDER = "_report";
    private static final Logger LOG = LoggerFactory.getLogger(ReportPartials.class);
    private static final String SHARD_SUFFIX = ".parquet";

    private ReportPartials() {
    }

    /**
     * The hook of a labeling task: computes the partial of the shard just written to {@code localShard} (to be
     * committed as {@code shardUri}) and stores it next to the commit markers. Call before writing the marker. Like
     * the report, it never fails the shard: on a failure it removes any older partial of the shard (a report then
     * computes it from the shard) and logs why.
     */
    public static void writeFor(BlobStore store, String shardUri, Path localShard) {
        String uri = uriOf(shardUri);
        try (ShardReader rows = ShardReader.open(localShard)) {
            store.write(uri, ReportPartialJson.write(compute(nameOf(shardUri), rows)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not store the report partial of {} ({}); the report will compute it from the shard",
                    shardUri, e.toString());
            try {
                store.delete(uri);
            } catch (IOException | RuntimeException again) {
                LOG.warn("Could not remove the older report partial {}: {}", uri, again.toString());
            }
        }
    }

    /** The partial's URI for the shard at {@code shardUri}. */
    static String uriOf(String shardUri) {
        int slash = shardUri.lastIndexOf('/');
        String dir = slash < 0 ? "." : shardUri.substring(0, slash);
        String name = nameOf(shardUri);
        return dir + "/" + FOLDER + "/" + name.substring(0, name.length() - SHARD_SUFFIX.length()) + ".json";
    }

    /** The shard's file name ({@code part-00042.parquet}): its place in the run's order. */
    static String nameOf(String shardUri) {
        String name = shardUri.substring(shardUri.lastIndexOf('/') + 1);
        if (!name.endsWith(SHARD_SUFFIX)) {
            throw new IllegalArgumentException("not a shard file: " + shardUri);
        }
        return name;
    }

    /** File names of the partials stored for a run (one listing, not a request per shard). */
    static Set<String> present(BlobStore store, RunLayout layout) throws IOException {
        Set<String> names = new HashSet<>();
        for (String uri : store.list(layout.runDir() + "/" + FOLDER + "/")) {
            names.add(uri.substring(uri.lastIndexOf('/') + 1));
        }
        return names;
    }

    /** Whether {@code present} (see {@link #present}) holds the partial of the shard at {@code shardUri}. */
    static boolean hasPartial(Set<String> present, String shardUri) {
        String uri = uriOf(shardUri);
        return present.contains(uri.substring(uri.lastIndexOf('/') + 1));
    }

    /**
     * The shard's partial: read when {@code stored}, else (or when the stored one cannot be read) computed from the
     * shard and stored for the next report, best effort: a run folder the reader may not write is fine.
     */
    static ReportPartial obtain(BlobStore store, String shardUri, boolean stored) throws IOException {
        if (stored) {
            try (InputStream in = store.open(uriOf(shardUri))) {
                return ReportPartialJson.read(in.readAllBytes());
            } catch (IOException e) {
                LOG.warn("Report partial of {} unreadable ({}); computing it from the shard", shardUri, e.toString());
            }
        }
        ReportPartial computed;
        try (ShardReader rows = ShardReader.open(store, shardUri)) {
            computed = compute(nameOf(shardUri), rows);
        }
        try {
            store.write(uriOf(shardUri), ReportPartialJson.write(computed));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not store the report partial of {}: {}", shardUri, e.toString());
        }
        return computed;
    }

    /** One pass over a shard's rows. */
    static ReportPartial compute(String shardName, ShardReader rows) {
        ReportCollector collector = new ReportCollector(RunReport.GALLERY_PER_KIND);
        collector.startShard(requireNonNull(shardName, "shardName"));
        rows.forEachRemaining(collector::add);
        return collector.partial();
    }
}
