package dev.autolabel.spark.incremental;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledImage;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rows of one shard an incremental run copies from its parent instead of labeling, by their place in the
 * shard: the join of the manifest with the parent run brought them to this task. Holds at most one shard's rows.
 */
public final class CopiedRows {

    /** No copied rows: every row is labeled. */
    public static final CopiedRows NONE = new CopiedRows(Map.of());

    private final Map<Integer, LabeledImage> byPosition;

    public CopiedRows(Map<Integer, LabeledImage> byPosition) {
        this.byPosition = new TreeMap<>(requireNonNull(byPosition, "byPosition"));
    }

    /** The parent's row to write at {@code position} of the shard, if it is copied. */
    public Optional<LabeledImage> at(int position) {
        return Optional.ofNullable(byPosition.get(position));
    }

    /** How many of the shard's rows are copied. */
    public int count() {
        return byPosition.size();
    }

    /** The run that labeled the copied rows (the oldest run of a chain of incremental runs keeps its id). */
    public Optional<String> labeledBy() {
        return byPosition.values().stream().map(r -> r.provenance().runId()).findFirst();
    }
}
