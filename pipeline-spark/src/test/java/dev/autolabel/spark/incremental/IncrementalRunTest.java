package dev.autolabel.spark.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Status;
import dev.autolabel.spark.LabelingScenario;
import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.job.RunRequest;
import dev.autolabel.spark.job.RunSummary;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.storage.LocalBlobStore;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental runs on local[2] with the fixture models: a run with {@code run.since} copies the rows of unchanged
 * images from its parent and labels only new, changed, moved or previously failed ones; another model or labeling
 * config relabels everything. A row that went through the models carries the new run's id; a copied row is the
 * parent's row unchanged (same run id, labeling time, detections), which is how these tests see model work.
 */
class IncrementalRunTest {

    private static JavaSparkContext spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("incremental")
                .set("spark.ui.enabled", "false"));
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    @Test
    void aNightlyRunWithOnePercentNewRowsLabelsExactlyThoseRows() throws Exception {
        Map<String, String> base = new LinkedHashMap<>();
        for (int i = 0; i < 1980; i++) {
            base.put("img-" + i, image("base/img-" + i + ".png", i).toString());
        }
        Map<String, String> nightly = new LinkedHashMap<>();
        Set<String> fresh = new TreeSet<>();
        int added = 0;
        for (Map.Entry<String, String> e : base.entrySet()) {
            nightly.put(e.getKey(), e.getValue());
            if (nightly.size() % 99 == 0 && added < 20) { // new rows scattered through every shard
                String id = "new-" + added;
                nightly.put(id, image("new/" + id + ".png", added++).toString());
                fresh.add(id);
            }
        }
        assertEquals(2000, nightly.size());

        RunSummary first = run("base", manifest("base.jsonl", base), Map.of());
        assertEquals(1980, first.rowsLabeled());
        RunSummary second = run("nightly", manifest("nightly.jsonl", nightly), Map.of("run.since", "base"));

        JsonNode json = runJson("nightly");
        assertEquals("base", json.get("parent_run").asText());
        assertEquals(1980, json.get("rows_reused_from_parent").asInt());
        assertEquals(20, json.get("rows_labeled").asInt());
        assertEquals(2000, json.get("images").asInt());
        assertEquals(20, second.rowsLabeled());

        List<LabeledImage> rows = rows("nightly");
        assertEquals(new ArrayList<>(nightly.keySet()), rows.stream().map(LabeledImage::imageId).toList(),
                "one row per manifest row, in manifest order");
        Set<String> labeledNow = rows.stream().filter(r -> r.provenance().runId().equals("nightly"))
                .map(LabeledImage::imageId).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(fresh, labeledNow, "exactly the 20 new rows went through the models");
        Map<String, LabeledImage> parentRows = byId(rows("base"));
        for (LabeledImage row : rows) {
            if (!fresh.contains(row.imageId())) {
                assertEquals(parentRows.get(row.imageId()), row, "copied unchanged from the parent");
            } else {
                assertEquals(Status.OK, row.status());
                assertTrue(row.fingerprint().isPresent(), "a labeled row records its image's fingerprint");
            }
        }
    }

    @Test
    void changedMovedAndFailedRowsAreLabeledAgainAndExtraFieldsFollowTheManifest() throws Exception {
        Map<String, String> uris = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            uris.put("img-" + i, image("img-" + i + ".png", i).toString());
        }
        Path missing = tmp.resolve("images/late.png");
        uris.put("late", missing.toString());
        run("base", manifest("base.jsonl", uris, Map.of()), Map.of());
        assertEquals(Status.FAILED, byId(rows("base")).get("late").status());

        Path changed = Path.of(uris.get("img-2"));
        Files.write(changed, TestImages.canvas(64, 48, Color.GRAY).fill(30, 10, 60, 40, Color.RED).png());
        Files.setLastModifiedTime(changed, FileTime.from(Instant.now().plusSeconds(60)));
        image("late.png", 9); // the missing image arrived
        Path moved = Files.copy(Path.of(uris.get("img-4")), tmp.resolve("images/moved-4.png"));
        uris.put("img-4", moved.toString());
        Files.delete(Path.of(uris.get("img-5")));
        Map<String, String> cameras = Map.of("img-3", "cam-new");

        RunSummary nightly = run("nightly", manifest("nightly.jsonl", uris, cameras), Map.of("run.since", "base"));

        Map<String, LabeledImage> rows = byId(rows("nightly"));
        Set<String> labeledNow = rows.values().stream().filter(r -> r.provenance().runId().equals("nightly"))
                .map(LabeledImage::imageId).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("img-2", "img-4", "img-5", "late"), labeledNow);
        assertEquals(4, nightly.rowsLabeled());
        assertEquals(5, nightly.rowsFromParent());
        assertEquals(Status.OK, rows.get("late").status());
        assertEquals(Status.FAILED, rows.get("img-5").status(), "a deleted image is read again and fails");
        assertNotEquals(byId(rows("base")).get("img-2").detections(), rows.get("img-2").detections(),
                "the changed image got new labels");
        assertEquals("base", rows.get("img-3").provenance().runId());
        assertEquals("cam-new", rows.get("img-3").extra().get("camera"), "copied rows take the current manifest's fields");

        // A run after an incremental run chains: nothing changed, nothing but the failed row is labeled.
        RunSummary again = run("again", manifest("nightly.jsonl", uris, cameras), Map.of("run.since", "nightly"));
        assertEquals(1, again.rowsLabeled(), "only img-5, which failed, is tried again");
        assertEquals("base", byId(rows("again")).get("img-0").provenance().runId());
    }

    @Test
    void anotherModelOrLabelingConfigRelabelsEveryRow() throws Exception {
        Map<String, String> uris = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            uris.put("img-" + i, image("img-" + i + ".png", i).toString());
        }
        Path manifest = manifest("m.jsonl", uris, Map.of());
        run("base", manifest, Map.of());

        RunSummary unchanged = run("same", manifest, Map.of("run.since", "base"));
        RunSummary otherModel = run("model", manifest, Map.of("run.since", "base",
                "precision.model", FixtureModels.yoloFixedBatch2().toString()));
        RunSummary otherConfig = run("config", manifest, Map.of("run.since", "base", "precision.threshold", "0.65"));

        assertEquals(0, unchanged.rowsLabeled());
        assertEquals(6, otherModel.rowsLabeled());
        assertEquals(0, otherModel.rowsFromParent());
        assertEquals(6, otherConfig.rowsLabeled());
        assertTrue(rows("config").stream().allMatch(r -> r.provenance().runId().equals("config")));
    }

    @Test
    void aMissingParentRunStopsTheRunNamingIt() throws Exception {
        Path manifest = manifest("m.jsonl", Map.of("a", image("a.png", 1).toString()), Map.of());
        IOException e = assertThrows(IOException.class, () -> run("child", manifest, Map.of("run.since", "no-such-run")));
        assertTrue(e.getMessage().contains("run.since") && e.getMessage().contains("no-such-run"), e.getMessage());
    }

    private Path image(String name, int seed) throws IOException {
        Path file = tmp.resolve("images").resolve(name);
        Files.createDirectories(file.getParent());
        int dx = seed % 17;
        return Files.write(file, TestImages.canvas(64, 48, Color.GRAY).fill(4 + dx, 6, 30 + dx, 36, Color.RED).png());
    }

    private Path manifest(String name, Map<String, String> uris) throws IOException {
        return manifest(name, uris, Map.of());
    }

    private Path manifest(String name, Map<String, String> uris, Map<String, String> cameras) throws IOException {
        StringBuilder b = new StringBuilder();
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, String> e : uris.entrySet()) {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("id", e.getKey());
            line.put("uri", e.getValue());
            line.put("camera", cameras.getOrDefault(e.getKey(), "cam-a"));
            b.append(json.writeValueAsString(line)).append('\n');
        }
        return Files.writeString(tmp.resolve(name), b.toString());
    }

    private RunSummary run(String runId, Path manifest, Map<String, String> overrides) throws IOException {
        Path config = tmp.resolve("run.conf");
        if (!Files.exists(config)) {
            Files.writeString(config, LabelingScenario.config(manifest.toString(), output(),
                    FixtureModels.yolo().toString(), FixtureModels.openVocab().toString(),
                    FixtureModels.embeddingsFile().toString(), 250, "execution.batch-size = 16"));
        }
        Map<String, String> all = new HashMap<>(overrides);
        all.put("run.id", runId);
        all.put("manifest.uri", manifest.toString());
        return new LabelingJob(spark, new PrintStream(PrintStream.nullOutputStream())).run(new RunRequest(config, all));
    }

    private String output() {
        return tmp.resolve("out").toString();
    }

    private JsonNode runJson(String runId) throws IOException {
        return new ObjectMapper().readTree(Path.of(new RunLayout(output(), runId).runSummaryUri()).toFile());
    }

    private List<LabeledImage> rows(String runId) throws IOException {
        List<LabeledImage> rows = new ArrayList<>();
        try (LocalBlobStore store = new LocalBlobStore(1 << 20);
                RunReader reader = new RunReader(store, new RunLayout(output(), runId))) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static Map<String, LabeledImage> byId(List<LabeledImage> rows) {
        Map<String, LabeledImage> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.imageId(), r));
        return byId;
    }
}
