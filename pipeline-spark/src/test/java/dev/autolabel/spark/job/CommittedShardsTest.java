package dev.autolabel.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.storage.LocalBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommittedShardsTest {

    @TempDir
    Path dir;

    @Test
    void shardFilesWithoutMarkerAreDeletedAndTheScanSeesCommittedShards() throws Exception {
        LocalBlobStore store = new LocalBlobStore(1 << 20);
        RunLayout layout = new RunLayout(dir.toString(), "r1");
        CommittedShards committed = new CommittedShards(store, layout);
        assertEquals(0, committed.scan().count(), "no run folder yet");
        assertEquals(RunLayout.DIGITS, committed.scan().digits());

        store.write(layout.shardUri(0), new byte[] {1});
        MarkerCodec.write(store, layout.markerUri(0), summary(0, 3, 1));
        store.write(layout.shardUri(123_456), new byte[] {2});
        MarkerCodec.write(store, layout.markerUri(123_456), summary(123_456, 2, 0));
        store.write(layout.shardUri(2), new byte[] {3}); // uploaded, never marked committed

        assertEquals(1, committed.deleteUncommitted());
        assertFalse(Files.exists(Path.of(layout.shardUri(2))));
        assertTrue(Files.exists(Path.of(layout.shardUri(0))) && Files.exists(Path.of(layout.shardUri(123_456))));
        CommittedShards.Scan scan = committed.scan();
        BitSet expected = new BitSet();
        expected.set(0);
        expected.set(123_456);
        assertEquals(expected, scan.shards());
        assertTrue(layout.shardUri(123_456).endsWith("/part-0000123456.parquet"), "names sort past 99,999 shards");
        assertTrue(layout.shardUri(99_999).compareTo(layout.shardUri(123_456)) < 0);
    }

    @Test
    void aRunBegunWithFiveDigitShardNamesKeepsThem() throws Exception {
        LocalBlobStore store = new LocalBlobStore(1 << 20);
        RunLayout old = new RunLayout(dir.toString(), "old", RunLayout.LEGACY_DIGITS);
        store.write(old.shardUri(3), new byte[] {1});
        MarkerCodec.write(store, old.markerUri(3), summary(3, 2, 0));
        assertTrue(old.markerUri(3).endsWith("/_committed/part-00003.json"));

        CommittedShards.Scan scan = new CommittedShards(store, new RunLayout(dir.toString(), "old")).scan();
        assertEquals(RunLayout.LEGACY_DIGITS, scan.digits(), "resume keeps the run's own names");
        assertTrue(scan.contains(3));
        assertEquals(List.of(3), List.of(RunLayout.shardOf(old.shardUri(3)).getAsInt()));
        assertEquals(0, new CommittedShards(store, old).deleteUncommitted());
    }

    private static ShardSummary summary(int shard, long images, long failed) {
        return new ShardSummary(shard, images, images - failed, failed,
                failed > 0 ? Map.of("NOT_FOUND", failed) : Map.of(), Map.of(), Map.of(), 0.1, false, 0, Map.of(), Map.of());
    }
}
