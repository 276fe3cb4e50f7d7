package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.LocalBlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed night resumes where it stopped: {@code autolabel run} in its own JVM (local[2]) is killed with SIGKILL
 * after some shards are committed; running the same run id again reuses those shards, labels the rest, and ends
 * with exactly the rows a clean run gives (same ids, sizes, statuses and detections; only labeled_at and run id
 * differ).
 */
class DriverKillIT {

    private static final int ROWS = 120;
    private static final int PER_SHARD = 5;

    @TempDir
    Path tmp;

    @Test
    void reRunningAKilledRunIdReusesItsShardsAndEndsLikeACleanRun() throws Exception {
        BigImageWorkload workload = new BigImageWorkload(tmp.resolve("data"), ROWS, 8);
        Path output = tmp.resolve("out");
        Path config = workload.config(tmp.resolve("run.conf"), output, PER_SHARD);
        RunLayout nightly = new RunLayout(output.toString(), "nightly");
        Path markers = Path.of(nightly.runDir(), "_committed");

        Process killed = cli(config, "nightly", "killed");
        awaitAtLeast(markers, 3, killed);
        killed.destroyForcibly();
        assertTrue(killed.waitFor(30, TimeUnit.SECONDS), "the driver JVM died");
        long committed = KilledExecutorIT.countFiles(markers, ".json");
        System.out.printf("[driver-kill] SIGKILL with %d of %d shards committed%n", committed, ROWS / PER_SHARD);
        assertTrue(committed < ROWS / PER_SHARD, "killed before the end");
        assertFalse(Files.exists(Path.of(nightly.runSummaryUri())), "a killed run writes no run.json");

        Process resumed = cli(config, "nightly", "resumed");
        assertTrue(resumed.waitFor(6, TimeUnit.MINUTES), "the resumed run finished");
        assertEquals(0, resumed.exitValue(), tail("resumed"));
        JsonNode runJson = new ObjectMapper().readTree(Path.of(nightly.runSummaryUri()).toFile());
        assertEquals("COMPLETED", runJson.get("status").asText());
        assertEquals(committed, runJson.get("shards_reused").asLong(), "every committed shard was reused");
        assertEquals(ROWS, runJson.get("images").asInt());

        Process clean = cli(config, "clean", "clean");
        assertTrue(clean.waitFor(6, TimeUnit.MINUTES), "the clean run finished");
        assertEquals(0, clean.exitValue(), tail("clean"));

        LocalBlobStore store = new LocalBlobStore(64 << 20);
        RowCensus resumedRows = RowCensus.of(workload.ids(), RowCensus.read(store, nightly));
        RowCensus cleanRows = RowCensus.of(workload.ids(), RowCensus.read(store, new RunLayout(output.toString(), "clean")));
        resumedRows.print("resumed after driver SIGKILL");
        workload.verify(resumedRows);
        workload.verify(cleanRows);
        for (String id : workload.ids()) {
            assertEquals(comparable(cleanRows.only(id)), comparable(resumedRows.only(id)), id);
        }
    }

    /** A row without what legitimately differs between two runs: when it was labeled and the run id. */
    private static List<Object> comparable(LabeledImage row) {
        return List.of(row.imageId(), row.uri(), row.width(), row.height(), row.status(), row.errorCode(),
                row.detections(), row.extra(), row.provenance().modelHashes(), row.provenance().configHash());
    }

    /** {@code autolabel run} in a JVM of its own, on local[2]; output in target/cluster-it/driver-kill-NAME.log. */
    private static Process cli(Path config, String runId, String name) throws IOException {
        Files.createDirectories(LocalSparkCluster.LOGS);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        command.addAll(sparkOpens());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.autolabel.spark.cli.AutolabelCli",
                "run", "--config", config.toString(), "--master", "local[2]", "--run-id", runId));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log(name).toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    /** The JVM flags Spark needs: as failsafe passes them, else the list in this module's pom. */
    private static List<String> sparkOpens() throws IOException {
        String opens = System.getProperty("autolabel.spark.opens");
        if (opens == null || opens.isBlank()) {
            Matcher m = Pattern.compile("<spark.java.opens>(.*?)</spark.java.opens>", Pattern.DOTALL)
                    .matcher(Files.readString(Path.of("pom.xml")));
            if (!m.find()) {
                throw new IllegalStateException("no spark.java.opens in pom.xml");
            }
            opens = m.group(1);
        }
        return Arrays.asList(opens.trim().split("\\s+"));
    }

    private static void awaitAtLeast(Path markers, int n, Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline && run.isAlive()) {
            if (KilledExecutorIT.countFiles(markers, ".json") >= n) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + n + " shards were committed (run alive: " + run.isAlive() + "); log: "
                + tail("killed"));
    }

    private static Path log(String name) {
        return LocalSparkCluster.LOGS.resolve("driver-kill-" + name + ".log");
    }

    private static String tail(String name) throws IOException {
        String text = Files.exists(log(name)) ? Files.readString(log(name)) : "(no log)";
        return text.substring(Math.max(0, text.length() - 4000));
    }
}
