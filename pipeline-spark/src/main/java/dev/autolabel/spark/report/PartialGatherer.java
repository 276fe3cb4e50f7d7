package dev.autolabel.spark.report;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * How a report gets the partials of a run's shards merged into one: on a thread pool of this JVM
 * ({@link LocalGatherer}) or as a Spark job ({@link SparkGatherer}). Shards without a stored partial get theirs
 * computed from the shard (and stored) on the way.
 */
public sealed interface PartialGatherer permits LocalGatherer, SparkGatherer {

    /**
     * @param shardUris      the run's shard files
     * @param stored         file names of the partials the run has (see {@link ReportPartials#present})
     * @param galleryPerKind gallery images per kind the merged partial keeps
     * @param runId          names the run in progress lines
     */
    ReportPartial gather(List<String> shardUris, Set<String> stored, int galleryPerKind, String runId, PrintStream progress)
            throws IOException;
}
