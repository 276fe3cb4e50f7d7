package dev.autolabel.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.storage.LocalBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage times travel in commit markers (old markers without them still read) and are summed into run.json. */
class StageSecondsTest {

    @TempDir
    Path dir;

    @Test
    void markersWithoutStageTimesStillRead() throws Exception {
        Path marker = Files.writeString(dir.resolve("part-00000.json"), """
                {"shard": 0, "images": 3, "labeled": 2, "failed": 1, "failedByCode": {"NOT_FOUND": 1},
                 "detectionsBySource": {"precise": 4}, "detectionsByLabel": {"red": 4}, "labelSeconds": 1.5,
                 "reused": false}
                """);
        try (LocalBlobStore store = new LocalBlobStore(1 << 20)) {
            ShardSummary old = MarkerCodec.read(store, marker.toString());
            assertEquals(Map.of(), old.stageSeconds());
            assertEquals(3, old.images());
            assertEquals(Map.of("NOT_FOUND", 1L), old.failedByCode());
        }
    }

    @Test
    void markersKeepStageTimesInOrder() throws Exception {
        ShardSummary summary = shard(1, false, 0.5, 2.0);
        String uri = dir.resolve("m.json").toString();
        try (LocalBlobStore store = new LocalBlobStore(1 << 20)) {
            MarkerCodec.write(store, uri, summary);
            ShardSummary back = MarkerCodec.read(store, uri);
            assertEquals(summary, back);
            assertEquals(List.of("fetch", "infer_pass1"), List.copyOf(back.stageSeconds().keySet()));
        }
    }

    @Test
    void runJsonSumsStageTimesOfShardsLabeledByThisRun() throws Exception {
        RunSummary run = new RunSummary("r", "m.jsonl", "out/r", Instant.EPOCH, Instant.EPOCH.plusSeconds(2),
                RunTotals.of(List.of(shard(0, false, 0.5, 2.0), shard(1, false, 0.25, 1.0), shard(2, true, 100, 100))), "cfg",
                Map.of(), "local[2]", 1, "{}");
        JsonNode json = new ObjectMapper().readTree(run.toJson());
        assertEquals(0.75, json.path("stage_seconds").path("fetch").asDouble(), 1e-12);
        assertEquals(3.0, json.path("stage_seconds").path("infer_pass1").asDouble(), 1e-12, "reused shard not counted");
        assertTrue(json.path("stage_seconds").isObject());
    }

    private static ShardSummary shard(int index, boolean reused, double fetch, double infer) {
        Map<String, Double> stages = new LinkedHashMap<>();
        stages.put("fetch", fetch);
        stages.put("infer_pass1", infer);
        return new ShardSummary(index, 1, 1, 0, Map.of(), Map.of(), Map.of(), 1.0, reused, 0, stages, Map.of());
    }
}
