package dev.autolabel.spark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.config.ConfigLoader;
import dev.autolabel.detect.Box;
import dev.autolabel.detect.Tile;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Source;
import dev.autolabel.label.Status;
import dev.autolabel.spark.SyntheticRun;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.output.RowPlace;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.spark.output.ShardReader;
import dev.autolabel.spark.output.ShardWriter;
import dev.autolabel.storage.LocalBlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report merged from per-shard partials is the report of one pass over the run, field for field (gallery
 * choices among ties included), however the partials are made (by the task hook, computed on demand, by Spark),
 * stored, ordered and grouped.
 */
class ReportPartialTest {

    @TempDir
    Path tmp;

    private LocalBlobStore store;

    @BeforeEach
    void openStore() {
        store = new LocalBlobStore(1 << 20);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** The reference: one collector over every row of the run, shard after shard, in one thread. */
    private ReportData onePass(RunLayout layout, int galleryPerKind) throws IOException {
        ReportCollector collector = new ReportCollector(galleryPerKind);
        for (String shard : RunReader.shardsOf(store, layout)) {
            collector.startShard(ReportPartials.nameOf(shard));
            try (ShardReader rows = ShardReader.open(store, shard)) {
                rows.forEachRemaining(collector::add);
            }
        }
        return collector.result(layout.runId(), RunFacts.read(store, layout));
    }

    private List<String> storedPartials(RunLayout layout) throws IOException {
        return store.list(layout.runDir() + "/_report/");
    }

    @Test
    void thePartialsOfARunMergeIntoTheReportOfOnePass() throws Exception {
        RunLayout run = new SyntheticRun("merge", 12, 80, 40, 21).write(tmp);
        Files.writeString(Path.of(run.runDir(), "run.json"), String.format(ReportFixture.RUN_JSON, run.runId()));
        ReportData expected = onePass(run, RunReport.GALLERY_PER_KIND);
        assertTrue(expected.failureSamples().size() >= 9 && expected.gallery().size() == 24, "a run with everything");
        assertTrue(storedPartials(run).isEmpty());

        ReportData computed = RunReport.collect(store, run, RunReport.GALLERY_PER_KIND, new LocalGatherer(store, 3), quiet());
        assertEquals(expected, computed, "partials computed from the shards in parallel");
        assertEquals(12, storedPartials(run).size(), "and stored for next time");
        assertEquals(0, RunReport.shardsWithoutPartial(store, run));

        ReportData read = RunReport.collect(store, run, RunReport.GALLERY_PER_KIND, new LocalGatherer(store, 2), quiet());
        assertEquals(expected, read, "partials read back from their JSON");

        assertEquals(onePass(run, 0), RunReport.collect(store, run, 0, new LocalGatherer(store, 4), quiet()),
                "a compared run keeps no gallery");
    }

    @Test
    void mergingIsIndependentOfOrderAndGrouping() throws Exception {
        RunLayout run = new SyntheticRun("order", 10, 60, 25, 5).write(tmp);
        ReportData expected = onePass(run, RunReport.GALLERY_PER_KIND);
        List<ReportPartial> partials = new ArrayList<>();
        for (String shard : RunReader.shardsOf(store, run)) {
            try (ShardReader rows = ShardReader.open(store, shard)) {
                partials.add(ReportPartialJson.read(ReportPartialJson.write(
                        ReportPartials.compute(ReportPartials.nameOf(shard), rows))));
            }
        }
        Random random = new Random(9);
        for (int attempt = 0; attempt < 5; attempt++) {
            List<ReportPartial> shuffled = new ArrayList<>(partials);
            Collections.shuffle(shuffled, random);
            // Merge in random groups first (as Spark's tree reduction does), then the groups.
            ReportCollector all = new ReportCollector(RunReport.GALLERY_PER_KIND);
            for (int start = 0; start < shuffled.size(); ) {
                int end = Math.min(shuffled.size(), start + 1 + random.nextInt(4));
                ReportCollector group = new ReportCollector(RunReport.GALLERY_PER_KIND);
                shuffled.subList(start, end).forEach(group::add);
                all.add(ReportPartialJson.read(ReportPartialJson.write(group.partial())));
                start = end;
            }
            assertEquals(expected, all.result(run.runId(), Optional.empty()), "attempt " + attempt);
        }
    }

    @Test
    void galleryTiesGoByImageIdThenByPlaceInTheRun() throws Exception {
        RunLayout run = new SyntheticRun("ties", 8, 70, 30, 13).write(tmp);
        List<LabeledImage> gallery = RunReport.collect(store, run, RunReport.GALLERY_PER_KIND, new LocalGatherer(store, 2),
                quiet()).gallery(GalleryItem.Kind.LOWEST_CONFIDENCE).stream().map(GalleryItem::image).toList();

        // Brute force over every row: lowest score, then image id, then shard and row.
        record Row(double key, String id, RowPlace place, LabeledImage image) {
        }
        List<Row> all = new ArrayList<>();
        for (String shard : RunReader.shardsOf(store, run)) {
            try (ShardReader rows = ShardReader.open(store, shard)) {
                for (long i = 0; rows.hasNext(); i++) {
                    LabeledImage row = rows.next();
                    if (row.status() == Status.OK && !row.detections().isEmpty()) {
                        double lowest = row.detections().stream().mapToDouble(LabeledDetection::score).min().orElseThrow();
                        all.add(new Row(lowest, row.imageId(), new RowPlace(ReportPartials.nameOf(shard), i), row));
                    }
                }
            }
        }
        all.sort(Comparator.comparingDouble(Row::key).thenComparing(Row::id).thenComparing(Row::place));
        assertEquals(all.subList(0, RunReport.GALLERY_PER_KIND).stream().map(Row::image).toList(), gallery);
        long atLowest = all.stream().filter(r -> r.key() == all.get(0).key()).count();
        assertTrue(atLowest > RunReport.GALLERY_PER_KIND, "more images share the lowest score than the gallery shows: "
                + atLowest);
    }

    @Test
    void imagesWithTheSameScoreAndIdArePickedInRunOrder() throws Exception {
        Provenance p = new Provenance("same", Map.of("precision", "aa"), "cfg", 2);
        String[][] shards = {{"a", "b", "a"}, {"b", "a"}, {"a", "c", "a", "b", "d"}};
        Path dir = Files.createDirectories(tmp.resolve("same"));
        for (int s = shards.length - 1; s >= 0; s--) { // written last to first: the order on disk must not matter
            try (ShardWriter w = new ShardWriter(dir.resolve(String.format("part-%05d.parquet", s)))) {
                for (int i = 0; i < shards[s].length; i++) {
                    LabeledDetection d = new LabeledDetection("x", 0, 0.3f, new Box(1, 1, 5, 5), Source.PRECISE,
                            Optional.empty(), Optional.empty(), List.of());
                    w.write(LabeledImage.ok(shards[s][i], "u-" + s + "-" + i, 10, 10, List.of(d), p, Instant.EPOCH, Map.of()));
                }
            }
        }
        RunLayout run = new RunLayout(tmp.toString(), "same");
        List<String> expected = List.of("u-0-0", "u-0-2", "u-1-1", "u-2-0", "u-2-2", "u-0-1", "u-1-0", "u-2-3");
        ReportData merged = RunReport.collect(store, run, RunReport.GALLERY_PER_KIND, new LocalGatherer(store, 3), quiet());
        assertEquals(expected, merged.gallery(GalleryItem.Kind.LOWEST_CONFIDENCE).stream().map(g -> g.image().uri()).toList(),
                "ten images tie on score 0.3: the five 'a's in run order, then the first three 'b's");
        assertEquals(onePass(run, RunReport.GALLERY_PER_KIND), merged);
    }

    @Test
    void aMergedReportOverManyShardsCountsEveryRow() throws Exception {
        SyntheticRun synthetic = new SyntheticRun("many", 240, 6, 15, 17);
        RunLayout run = synthetic.write(tmp);
        ReportData merged = RunReport.collect(store, run, RunReport.GALLERY_PER_KIND, new LocalGatherer(store, 4), quiet());
        assertEquals(onePass(run, RunReport.GALLERY_PER_KIND), merged);
        long failed = 0;
        long labels = 0;
        for (int s = 0; s < 240; s++) {
            for (LabeledImage row : synthetic.shard(s)) {
                failed += row.status() == Status.FAILED ? 1 : 0;
                labels += row.detections().size();
            }
        }
        assertEquals(240 * 6, merged.images());
        assertEquals(failed, merged.failed());
        assertEquals(labels, merged.detections());
        assertEquals(labels, merged.detections(Source.PRECISE) + merged.detections(Source.OPEN_VOCAB));
    }

    @Test
    void theTaskHookStoresThePartialNextToTheCommitMarkers() throws Exception {
        RunLayout run = new SyntheticRun("hook", 2, 30, 10, 3).write(tmp);
        String shard = run.shardUri(1);
        ReportPartials.writeFor(store, shard, Path.of(shard));
        Path stored = Path.of(run.runDir(), "_report", "part-0000000001.json");
        assertTrue(Files.isRegularFile(stored), "stored as _report/part-0000000001.json");
        ReportPartial partial = ReportPartialJson.read(Files.readAllBytes(stored));
        assertEquals(30, partial.images());
        assertTrue(Files.size(stored) < 64 * 1024, "small: " + Files.size(stored) + " bytes");
        partial.gallery().forEach(c -> assertEquals("part-0000000001.parquet", c.place().shard()));

        ReportPartials.writeFor(store, shard, tmp.resolve("no-such-local-shard.parquet"));
        assertFalse(Files.exists(stored), "a partial that cannot be written leaves no older one behind");
    }

    @Test
    void anUnreadablePartialIsComputedAgainFromItsShard() throws Exception {
        RunLayout run = new SyntheticRun("broken", 3, 20, 10, 4).write(tmp);
        ReportData expected = onePass(run, RunReport.GALLERY_PER_KIND);
        Files.createDirectories(Path.of(run.runDir(), "_report"));
        Files.writeString(Path.of(run.runDir(), "_report", "part-0000000001.json"), "{\"version\": 99}");
        assertEquals(expected, RunReport.collect(store, run, RunReport.GALLERY_PER_KIND, new LocalGatherer(store, 2), quiet()));
        String rewritten = Files.readString(Path.of(run.runDir(), "_report", "part-0000000001.json"));
        assertTrue(rewritten.startsWith("{\"version\":" + ReportPartialJson.VERSION + ","), "rewritten: " + rewritten);
    }

    @Test
    void aPartialThatKeptFewerGalleryImagesCannotServeALargerGallery() {
        ReportCollector small = new ReportCollector(2);
        ReportCollector large = new ReportCollector(8);
        assertThrows(IllegalArgumentException.class, () -> large.add(small.partial()));
    }

    @Test
    void aStoredRowReadsBackEqualBitForBit() throws Exception {
        Random random = new Random(1);
        Provenance p = new Provenance("r", Map.of("precision", "aa", "open-vocab", "bb"), "cfg", 2);
        for (int i = 0; i < 200; i++) {
            List<LabeledDetection> detections = new ArrayList<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                float x = random.nextFloat() * 1000;
                float y = Float.intBitsToFloat(random.nextInt(0x3f800000)); // any float in [0, 1)
                detections.add(new LabeledDetection("l\u00e9bel \"" + k + "\"", k, random.nextFloat(),
                        new Box(x, y, x + random.nextFloat() * 50, y + 1e-7f), random.nextBoolean() ? Source.PRECISE
                                : Source.OPEN_VOCAB, Optional.of("a <prompt>"), random.nextBoolean()
                                ? Optional.of("fine") : Optional.empty(), List.of("size_ok", "gap_fill"),
                        random.nextBoolean() ? Optional.of(random.nextFloat()) : Optional.empty(),
                        random.nextBoolean() ? Optional.of(new Tile(k, 512 * k, 384, 640, 640)) : Optional.empty()));
            }
            LabeledImage ok = LabeledImage.ok("id/" + i, "s3://b/k\u00fc " + i, random.nextInt(5000), 7, detections, p,
                    Instant.ofEpochSecond(1_800_000_000L, random.nextInt(1_000_000_000)), Map.of("camera", "c\n" + i))
                    .withUncertainty(random.nextFloat());
            LabeledImage row = random.nextBoolean() ? ok.withFingerprint("\"etag-" + i + "\"") : ok;
            assertEquals(row, LabeledImageJson.read(LabeledImageJson.write(row)));
        }
        LabeledImage failed = LabeledImage.failed("f", "/x.jpg", ErrorCode.TIMEOUT, "took too long", p, Instant.EPOCH, Map.of());
        assertEquals(failed, LabeledImageJson.read(LabeledImageJson.write(failed)));
    }

    /**
     * The stored row must carry every field of the output row: a field added to these records must be added to
     * {@link LabeledImageJson} too (then update this list).
     */
    @Test
    void theStoredRowCoversEveryFieldOfTheOutputRow() {
        assertEquals(List.of("imageId", "uri", "width", "height", "status", "errorCode", "errorMessage", "detections",
                "provenance", "labeledAt", "extra", "uncertainty", "fingerprint"), fields(LabeledImage.class));
        assertEquals(List.of("label", "classId", "score", "box", "source", "prompt", "fineLabel", "qaFlags",
                "threshold", "tile"), fields(LabeledDetection.class));
        assertEquals(List.of("runId", "modelHashes", "configHash", "schemaVersion"), fields(Provenance.class));
        assertEquals(List.of("x1", "y1", "x2", "y2"), fields(Box.class));
    }

    private static List<String> fields(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    @Test
    void partialsStayNextToTheCommitMarkersWithTheShardsName() {
        assertEquals("s3://b/out/run/_report/part-00042.json", ReportPartials.uriOf("s3://b/out/run/part-00042.parquet"));
        assertEquals("/o/r/_report/part-0000000123.json", ReportPartials.uriOf("/o/r/part-0000000123.parquet"));
        assertTrue(ReportPartials.hasPartial(Set.of("part-00042.json"), "s3://b/out/run/part-00042.parquet"));
        assertThrows(IllegalArgumentException.class, () -> ReportPartials.uriOf("/o/r/run.json"));
    }

    @Test
    void sparkTasksGatherTheSameReportComputingTheMissingPartials() throws Exception {
        RunLayout run = new SyntheticRun("spark", 9, 50, 20, 8).write(tmp);
        ReportData expected = onePass(run, RunReport.GALLERY_PER_KIND);
        for (int shard : new int[] {0, 3, 4, 8}) {
            ReportPartials.writeFor(store, run.shardUri(shard), Path.of(run.shardUri(shard)));
        }
        assertEquals(5, RunReport.shardsWithoutPartial(store, run));
        String portable = ConfigLoader.portableText(Map.of("precision.model", "unused", "open-vocab.enabled", "false"));
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("report-partials").set("spark.ui.enabled", "false");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            assertEquals(expected, RunReport.collect(store, run, RunReport.GALLERY_PER_KIND,
                    new SparkGatherer(spark, portable), quiet()));
        }
        assertEquals(0, RunReport.shardsWithoutPartial(store, run), "the executors stored the missing partials");
    }
}
