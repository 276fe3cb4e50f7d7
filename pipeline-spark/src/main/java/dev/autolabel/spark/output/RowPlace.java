package dev.autolabel.spark.output;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * Where a row sits in its run: the shard file's name ({@code part-00042.parquet}) and the row's index in it. Ordered
 * as the run is read (shards by name, then rows), so "first in the run" means the same whether the run is read in
 * one pass or merged from per-shard partials in any order.
 */
public record RowPlace(String shard, long row) implements Comparable<RowPlace> {

    private static final Comparator<RowPlace> RUN_ORDER = Comparator.comparing(RowPlace::shard)
            .thenComparingLong(RowPlace::row);

    public RowPlace {
        requireNonNull(shard, "shard");
        if (row < 0) {
            throw new IllegalArgumentException("row must be >= 0, got " + row);
        }
    }

    @Override
    public int compareTo(RowPlace other) {
        return RUN_ORDER.compare(this, other);
    }
}
