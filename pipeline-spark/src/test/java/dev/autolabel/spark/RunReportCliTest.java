package dev.autolabel.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.spark.CliCapture.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a user meets it: written by every run (with stage timings in run.json), rewritten on demand by
 * {@code autolabel report} with drift against another run, and never failing a run when it cannot be written.
 */
class RunReportCliTest {

    private static final List<String> STAGES = List.of("fetch", "decode", "infer_pass1", "infer_pass2", "merge", "write");

    @TempDir
    Path tmp;

    @Test
    void everyRunWritesAReportAndTheReportCommandComparesRuns() throws Exception {
        Path demo = tmp.resolve("demo-data");
        assertEquals(0, cli("demo-data", "--out", demo.toString(), "--count", "12").exitCode());
        Result run = run(demo, "first");
        assertEquals(0, run.exitCode(), run.err());
        Path runDir = tmp.resolve("out").resolve("first");
        assertTrue(run.out().contains("[autolabel] report: " + runDir + "/report.html"), run.out());

        JsonNode stages = new ObjectMapper().readTree(runDir.resolve("run.json").toFile()).path("stage_seconds");
        List<String> names = new ArrayList<>();
        stages.fieldNames().forEachRemaining(names::add);
        assertEquals(STAGES, names, "every stage, in pipeline order");
        for (String stage : STAGES) {
            assertTrue(stages.path(stage).asDouble() > 0, stage + " took time: " + stages);
        }

        String html = Files.readString(runDir.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<section id=\"gallery\">") && html.contains("src=\"data:image/jpeg;base64,"));
        assertTrue(html.contains("<title>yellow: "), "the demo's gap-filled class is charted");
        assertTrue(html.contains("<title>infer_pass1: "), "stage timing bars");
        assertTrue(html.contains("<div class=\"card\"><b>14</b><span>images</span>"), "12 images + corrupt + missing");

        Path out = tmp.resolve("again.html");
        Result report = cli("report", "--run", runDir.toString(), "--compare", runDir.toString(), "--out", out.toString());
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.out().contains("[autolabel] report: " + out), report.out());
        assertTrue(report.err().contains("[autolabel] report first: 1/1 shards read"), "progress on stderr: " + report.err());
        String again = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(again.contains("<section id=\"drift\"><h2>Drift against run first</h2>"));
        assertTrue(again.contains("disjoint): <b>0.000</b>"), "a run does not drift from itself");
    }

    @Test
    void theReportIsMergedFromPartialsThatResumedShardsKeepAndOlderRunsGetComputed() throws Exception {
        Path demo = tmp.resolve("demo-data");
        assertEquals(0, cli("demo-data", "--out", demo.toString(), "--count", "9").exitCode());
        Result first = run(demo, "parts", "run.images-per-shard=4");
        assertEquals(0, first.exitCode(), first.err());
        Path runDir = tmp.resolve("out").resolve("parts");
        List<Path> partials = List.of(runDir.resolve("_report/part-0000000000.json"),
                runDir.resolve("_report/part-0000000001.json"), runDir.resolve("_report/part-0000000002.json"));
        for (Path partial : partials) {
            assertTrue(Files.isRegularFile(partial), "each shard's task stored its report partial: " + partial);
        }
        List<byte[]> before = new ArrayList<>();
        for (Path partial : partials) {
            before.add(Files.readAllBytes(partial));
        }

        Result resumed = run(demo, "parts", "run.images-per-shard=4");
        assertEquals(0, resumed.exitCode(), resumed.err());
        for (int i = 0; i < partials.size(); i++) {
            assertArrayEquals(before.get(i), Files.readAllBytes(partials.get(i)), "a skipped shard keeps its partial");
        }
        String report = Files.readString(runDir.resolve("report.html"), StandardCharsets.UTF_8);

        Files.delete(partials.get(1)); // as a run written before partials existed
        Result older = cli("report", "--run", runDir.toString(), "--master", "local[2]");
        assertEquals(0, older.exitCode(), older.err());
        assertTrue(older.err().contains("1 shard(s) have no report partial") && older.err().contains("with Spark (local[2])"),
                older.err());
        assertArrayEquals(before.get(1), Files.readAllBytes(partials.get(1)), "computed again from the shard, and stored");
        assertTrue(report.equals(Files.readString(runDir.resolve("report.html"), StandardCharsets.UTF_8)),
                "the same report, whichever way the partials came");
    }

    @Test
    void aReportThatCannotBeWrittenDoesNotFailTheRun() throws Exception {
        Path demo = tmp.resolve("demo-data");
        assertEquals(0, cli("demo-data", "--out", demo.toString(), "--count", "3").exitCode());
        Path blocked = Files.createDirectories(tmp.resolve("out").resolve("blocked").resolve("report.html"));
        Files.writeString(blocked.resolve("keep"), "a folder where the report should go");
        Result run = run(demo, "blocked");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(tmp.resolve("out").resolve("blocked").resolve("run.json")));
        assertTrue(Files.isDirectory(blocked));
        assertFalse(run.out().contains("[autolabel] report: "), run.out());
        assertTrue(run.out().contains("[autolabel] report not written"), run.out());
    }

    @Test
    void reportOfANonRunIsAUsageError() {
        Result r = cli("report", "--run", tmp.resolve("nothing").resolve("here").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no run at"), r.err());
        assertFalse(Files.exists(tmp.resolve("nothing")), "nothing written");
    }

    private Result run(Path demo, String runId, String... sets) {
        Path models = Path.of("..", "pipeline-core", "src", "test", "resources", "models").toAbsolutePath().normalize();
        List<String> args = new ArrayList<>(List.of("run", "--config", Path.of("..", "conf", "local.conf").toString(),
                "--master", "local[2]", "--manifest", demo.resolve("manifest.jsonl").toString(), "--output",
                tmp.resolve("out").toString(), "--run-id", runId, "--set", "precision.model=" + models.resolve("blobs-yolo.onnx"),
                "--set", "open-vocab.model=" + models.resolve("blobs-openvocab.onnx"),
                "--set", "open-vocab.embeddings-file=" + models.resolve("blobs-embeddings.json")));
        for (String set : sets) {
            args.addAll(List.of("--set", set));
        }
        return cli(args.toArray(String[]::new));
    }

    private static Result cli(String... args) {
        return CliCapture.run(args);
    }
}
