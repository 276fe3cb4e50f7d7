package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Status;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.LocalBlobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run.max-failure-ratio end to end through the command line on local[2]: a manifest of mostly missing files
 * stops early with exit code 3, one message with failures by code, and only committed shards kept; once the
 * files are there, re-running the run id resumes it to completion. A small run is never judged.
 */
class FailureRatioStopTest {

    private static final int ROWS = 300;
    private static final int PER_SHARD = 5;

    @TempDir
    Path tmp;

    @Test
    void mostlyMissingFilesStopTheRunAndTheFixedRunResumes() throws Exception {
        LabelingScenario scenario = new LabelingScenario(10);
        List<String> ids = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            Path file = i % 30 == 0 ? write(scenario.images().get(i / 30)) : tmp.resolve("later/m-" + i + ".jpg");
            if (i % 30 != 0) {
                missing.add(file);
            }
            ids.add("row-" + i);
            manifest.append(String.format("{\"id\": \"row-%d\", \"uri\": \"%s\"}%n", i, file));
        }
        Path config = config(manifest.toString());

        CliCapture.Result stopped = run(config, "nightly", "--set", "run.min-images-for-failure-ratio=20");
        assertEquals(3, stopped.exitCode(), "exit code of a stopped run; stderr: " + stopped.err());
        assertTrue(stopped.err().contains("run nightly stopped:") && stopped.err().contains("run.max-failure-ratio = 0.5"),
                stopped.err());
        assertTrue(stopped.err().contains("failures by code in committed shards: NOT_FOUND="), stopped.err());
        System.out.println("stop message: " + stopped.err());

        Path runDir = tmp.resolve("out/nightly");
        JsonNode runJson = readJson(runDir.resolve("run.json"));
        assertEquals("STOPPED_FAILURE_RATIO", runJson.get("status").asText());
        int committed = runJson.get("shards").asInt();
        assertTrue(committed >= 4 && committed < ROWS / PER_SHARD, "stopped after 20 images, well before the end: "
                + committed + " shards");
        assertEquals(committed, count(runDir.resolve("_committed"), ".json"), "run.json counts the committed shards");
        assertEquals(committed, count(runDir, ".parquet"), "only committed shards are left");
        List<LabeledImage> kept = RowCensus.read(new LocalBlobStore(64 << 20), new RunLayout(tmp.resolve("out").toString(), "nightly"));
        assertEquals(runJson.get("images").asLong(), kept.size());
        assertEquals(runJson.path("failed_by_code").path("NOT_FOUND").asLong(),
                kept.stream().filter(r -> r.errorCode().equals(java.util.Optional.of(ErrorCode.NOT_FOUND))).count());
        RowCensus partial = RowCensus.of(ids, kept);
        partial.print("stopped run (" + committed + " of " + ROWS / PER_SHARD + " shards)");
        assertEquals(0, partial.duplicates());

        for (Path file : missing) {
            Files.createDirectories(file.getParent());
            Files.write(file, scenario.images().get(1).bytes());
        }
        CliCapture.Result resumed = run(config, "nightly", "--set", "run.min-images-for-failure-ratio=20");
        assertEquals(0, resumed.exitCode(), resumed.err());
        JsonNode done = readJson(runDir.resolve("run.json"));
        assertEquals("COMPLETED", done.get("status").asText());
        assertEquals(committed, done.get("shards_reused").asInt(), "the stopped run's shards are reused");
        RowCensus all = RowCensus.of(ids, RowCensus.read(new LocalBlobStore(64 << 20),
                new RunLayout(tmp.resolve("out").toString(), "nightly")));
        all.print("resumed run");
        all.assertExactlyOnce();
        long notFound = all.byId().values().stream().flatMap(List::stream).filter(r -> r.status() == Status.FAILED).count();
        assertEquals(partial.byId().values().stream().flatMap(List::stream).filter(r -> r.status() == Status.FAILED).count(),
                notFound, "rows that failed in committed shards stay as they were; the rest are now labeled");
    }

    @Test
    void aSmallRunIsNotJudgedByItsFailureRatio() throws Exception {
        LabelingScenario scenario = new LabelingScenario(2);
        StringBuilder manifest = new StringBuilder();
        manifest.append(String.format("{\"id\": \"ok\", \"uri\": \"%s\"}%n", write(scenario.images().get(0))));
        for (int i = 0; i < 8; i++) {
            manifest.append(String.format("{\"id\": \"gone-%d\", \"uri\": \"%s\"}%n", i, tmp.resolve("gone-" + i + ".jpg")));
        }
        CliCapture.Result r = run(config(manifest.toString()), "small");
        assertEquals(0, r.exitCode(), "8 of 9 failed, but under run.min-images-for-failure-ratio = 100: " + r.err());
        JsonNode runJson = readJson(tmp.resolve("out/small/run.json"));
        assertEquals("COMPLETED", runJson.get("status").asText());
        assertEquals(8, runJson.get("failed").asInt());
    }

    private Path write(LabelingScenario.Image image) throws IOException {
        Path file = tmp.resolve("images").resolve(image.key());
        Files.createDirectories(file.getParent());
        return Files.write(file, image.bytes());
    }

    private Path config(String manifest) throws IOException {
        Path manifestFile = Files.writeString(tmp.resolve("manifest.jsonl"), manifest);
        return Files.writeString(tmp.resolve("run.conf"),
                LabelingScenario.localConfig(manifestFile.toString(), tmp.resolve("out").toString(), PER_SHARD));
    }

    private static CliCapture.Result run(Path config, String runId, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--master", "local[2]",
                "--run-id", runId));
        args.addAll(List.of(more));
        return CliCapture.run(args.toArray(String[]::new));
    }

    private static JsonNode readJson(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static long count(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).count();
        }
    }
}
