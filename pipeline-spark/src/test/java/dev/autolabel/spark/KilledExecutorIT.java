package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.LocalBlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A killed executor costs a retry, not rows: a standalone cluster with two workers labels a slow workload; once
 * the first shards are committed, the executor JVM of one worker is killed (SIGKILL) in the middle of a shard;
 * Spark runs that shard again elsewhere, and the run completes with every manifest row exactly once.
 */
class KilledExecutorIT {

    private static final int ROWS = 200;
    private static final int PER_SHARD = 20; // shards long enough that the kill lands inside one
    /** A shard task starting (ShardTask logs its shard and its task: stage.partition.attempt). */
    private static final Pattern RUNNING = Pattern.compile("Labeling shard (\\d+) \\(task attempt (\\d+\\.\\d+\\.\\d+)\\)");
    private static final Pattern FINISHED = Pattern.compile("Finished task (\\d+)\\.(\\d+) in stage (\\d+)\\.\\d+");

    @TempDir
    Path tmp;

    @Test
    void killingAnExecutorMidShardLosesAndDuplicatesNoRow() throws Exception {
        BigImageWorkload workload = new BigImageWorkload(tmp.resolve("data"), ROWS, 8);
        Path output = tmp.resolve("out");
        Path config = workload.config(tmp.resolve("run.conf"), output, PER_SHARD);
        RunLayout layout = new RunLayout(output.toString(), "killed");
        int killedShard;

        try (LocalSparkCluster cluster = LocalSparkCluster.start("killed-executor", tmp, 2, 1, "1536m")) {
            Process submit = cluster.submit("1g", "run", "--config", config.toString(), "--run-id", "killed");
            killedShard = awaitShardInProgress(cluster, layout, submit);
            List<ProcessHandle> victims = cluster.executorsOf(0);
            assertEquals(1, victims.size(), "worker 0 runs one executor; log: " + cluster.tail("submit"));
            ProcessHandle victim = victims.get(0);
            assertTrue(victim.destroyForcibly(), "SIGKILL sent");
            victim.onExit().get(30, TimeUnit.SECONDS);
            long committedAtKill = countFiles(Path.of(layout.runDir(), "_committed"), ".json");
            System.out.printf("[killed-executor] killed executor pid %d in the middle of shard %d, with %d of %d shards"
                    + " committed%n", victim.pid(), killedShard, committedAtKill, ROWS / PER_SHARD);
            assertTrue(!Files.exists(Path.of(layout.markerUri(killedShard))), "the killed shard was not committed");

            assertTrue(submit.waitFor(8, TimeUnit.MINUTES), "spark-submit finished in time");
            assertEquals(0, submit.exitValue(), "spark-submit exit code; log: " + cluster.tail("submit"));
            assertTrue(Files.readString(cluster.log("submit")).contains("Lost executor"),
                    "the driver saw the executor go: " + cluster.tail("submit"));
            assertTrue(retried(cluster, killedShard), "shard " + killedShard + " ran again in a second attempt");
        }
        JsonNode runJson = new ObjectMapper().readTree(output.resolve("killed/run.json").toFile());
        assertEquals("COMPLETED", runJson.get("status").asText());
        assertEquals(ROWS, runJson.get("images").asInt());
        assertEquals(ROWS / PER_SHARD, countFiles(output.resolve("killed"), ".parquet"), "one file per shard");
        RowCensus census = RowCensus.of(workload.ids(), RowCensus.read(new LocalBlobStore(64 << 20), layout));
        census.print("killed executor");
        workload.verify(census);
    }

    /**
     * Waits until two shards are committed and worker 0's executor is in the middle of a shard (started, not
     * finished, not committed); returns that shard.
     */
    private static int awaitShardInProgress(LocalSparkCluster cluster, RunLayout layout, Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline && run.isAlive()) {
            if (countFiles(Path.of(layout.runDir(), "_committed"), ".json") >= 2) {
                Optional<Integer> shard = inProgress(cluster.executorLogs(0));
                if (shard.isPresent() && !Files.exists(Path.of(layout.markerUri(shard.get())))) {
                    return shard.get();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("worker 0's executor never had a shard in progress after two commits; log: "
                + cluster.tail("submit"));
    }

    /** A shard task the executor's log shows running and not finished. */
    private static Optional<Integer> inProgress(List<Path> executorLogs) throws IOException {
        Map<String, Integer> running = new HashMap<>();
        for (Path log : executorLogs) {
            for (String line : Files.readAllLines(log)) {
                Matcher started = RUNNING.matcher(line);
                Matcher finished = FINISHED.matcher(line);
                if (started.find()) {
                    running.put(started.group(2), Integer.parseInt(started.group(1)));
                } else if (finished.find()) {
                    running.remove(finished.group(3) + "." + finished.group(1) + "." + finished.group(2));
                }
            }
        }
        return running.values().stream().findFirst();
    }

    /** Whether the shard's task started more than once (a second attempt, on another executor). */
    private static boolean retried(LocalSparkCluster cluster, int shard) throws IOException {
        Pattern start = Pattern.compile("Labeling shard " + shard + " \\(task attempt");
        int starts = 0;
        for (int worker = 0; worker < 2; worker++) {
            for (Path log : cluster.executorLogs(worker)) {
                starts += (int) start.matcher(Files.readString(log)).results().count();
            }
        }
        return starts >= 2;
    }

    static long countFiles(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).count();
        }
    }
}
