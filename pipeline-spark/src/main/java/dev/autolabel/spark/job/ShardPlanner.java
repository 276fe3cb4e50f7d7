package dev.autolabel.spark.job;

import dev.autolabel.manifest.ManifestRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Cuts the manifest into shards of at most {@code imagesPerShard} rows, in manifest order. The same manifest and
 * setting always give the same shards, which is what lets a re-run with the same run id resume.
 */
final class ShardPlanner {

    private ShardPlanner() {
    }

    static List<ShardInput> plan(Iterator<ManifestRow> rows, int imagesPerShard) {
        if (imagesPerShard < 1) {
            throw new IllegalArgumentException("images per shard must be >= 1");
        }
        List<ShardInput> shards = new ArrayList<>();
        List<ManifestRow> current = new ArrayList<>(Math.min(imagesPerShard, 4096));
        while (rows.hasNext()) {
            current.add(rows.next());
            if (current.size() == imagesPerShard) {
                shards.add(new ShardInput(shards.size(), current));
                current = new ArrayList<>(Math.min(imagesPerShard, 4096));
            }
        }
        if (!current.isEmpty()) {
            shards.add(new ShardInput(shards.size(), current));
        }
        return shards;
    }
}
