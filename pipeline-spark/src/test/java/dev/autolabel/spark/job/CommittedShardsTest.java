package dev.autolabel.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.storage.LocalBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommittedShardsTest {

    @TempDir
    Path dir;

    @Test
    void shardFilesWithoutMarkerAreDeletedAndMarkersFromBeforeAreReused() throws Exception {
        LocalBlobStore store = new LocalBlobStore(1 << 20);
        RunLayout layout = new RunLayout(dir.toString(), "r1");
        CommittedShards committed = new CommittedShards(store, layout);
        assertEquals(Set.of(), committed.markers(), "no run folder yet");

        store.write(layout.shardUri(0), new byte[] {1});
        MarkerCodec.write(store, layout.markerUri(0), summary(0, 3, 1));
        Set<String> before = committed.markers();
        store.write(layout.shardUri(1), new byte[] {2});
        MarkerCodec.write(store, layout.markerUri(1), summary(1, 2, 0));
        store.write(layout.shardUri(2), new byte[] {3}); // uploaded, never marked committed

        assertEquals(1, committed.deleteUncommitted());
        assertFalse(Files.exists(Path.of(layout.shardUri(2))));
        assertTrue(Files.exists(Path.of(layout.shardUri(0))) && Files.exists(Path.of(layout.shardUri(1))));
        List<ShardSummary> shards = committed.read(before);
        assertEquals(List.of(0, 1), shards.stream().map(ShardSummary::shard).toList());
        assertEquals(List.of(true, false), shards.stream().map(ShardSummary::reused).toList());
        assertEquals(5, shards.stream().mapToLong(ShardSummary::images).sum());
    }

    private static ShardSummary summary(int shard, long images, long failed) {
        return new ShardSummary(shard, images, images - failed, failed,
                failed > 0 ? Map.of("NOT_FOUND", failed) : Map.of(), Map.of(), Map.of(), 0.1, false, 0, Map.of(), Map.of());
    }
}
