package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Manifest ids against output rows, as multisets: every manifest row must end in exactly one output row.
 * {@code duplicates} counts output rows beyond their manifest rows (or with ids the manifest lacks), {@code lost}
 * manifest rows without an output row.
 */
record RowCensus(long rowsIn, long rowsOut, long duplicates, long lost, Map<String, List<LabeledImage>> byId) {

    static RowCensus of(Collection<String> manifestIds, List<LabeledImage> rows) {
        Map<String, Integer> expected = new HashMap<>();
        manifestIds.forEach(id -> expected.merge(id, 1, Integer::sum));
        Map<String, List<LabeledImage>> byId = new HashMap<>();
        rows.forEach(r -> byId.computeIfAbsent(r.imageId(), k -> new ArrayList<>()).add(r));
        long duplicates = 0;
        long lost = 0;
        Set<String> ids = new HashSet<>(expected.keySet());
        ids.addAll(byId.keySet());
        for (String id : ids) {
            int in = expected.getOrDefault(id, 0);
            int out = byId.getOrDefault(id, List.of()).size();
            duplicates += Math.max(0, out - in);
            lost += Math.max(0, in - out);
        }
        return new RowCensus(manifestIds.size(), rows.size(), duplicates, lost, byId);
    }

    /** Every row of the run's shards, read back with {@link RunReader}. */
    static List<LabeledImage> read(BlobStore store, RunLayout layout) throws IOException {
        List<LabeledImage> rows = new ArrayList<>();
        try (RunReader reader = new RunReader(store, layout)) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** The one row of {@code id} (fails if there is not exactly one). */
    LabeledImage only(String id) {
        List<LabeledImage> rows = byId.getOrDefault(id, List.of());
        assertEquals(1, rows.size(), "rows for id " + id);
        return rows.get(0);
    }

    void print(String what) {
        System.out.printf("[census] %s: rows in %d, rows out %d, duplicates %d, lost %d%n", what, rowsIn, rowsOut,
                duplicates, lost);
    }

    void assertExactlyOnce() {
        assertEquals(0, duplicates, "duplicate rows");
        assertEquals(0, lost, "lost rows");
        assertEquals(rowsIn, rowsOut, "one output row per manifest row");
    }
}
