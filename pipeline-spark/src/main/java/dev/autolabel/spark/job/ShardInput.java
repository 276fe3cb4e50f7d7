package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import dev.autolabel.manifest.ManifestRow;
import java.io.Serializable;
import java.util.List;

/** The manifest rows of one shard, with the shard's index: one Spark partition, one Parquet file. */
public record ShardInput(int index, List<ManifestRow> rows) implements Serializable {

    public ShardInput {
        requireNonNull(rows, "rows");
        rows = List.copyOf(rows);
        if (index < 0) {
            throw new IllegalArgumentException("shard index must be >= 0");
        }
    }
}
