package dev.autolabel.spark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.label.Source;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.spark.report.GalleryItem.Kind;
import dev.autolabel.storage.LocalBlobStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one streaming pass over a run written with ShardWriter gathers: counts, histograms, heaps, run.json facts. */
class ReportCollectorTest {

    @TempDir
    Path dir;

    private ReportFixture fixture;
    private LocalBlobStore store;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ReportFixture(dir);
        store = new LocalBlobStore(1 << 20);
    }

    @Test
    void countsFailuresClassesAndAgreement() throws Exception {
        ReportData data = RunReport.collect(store, fixture.runA(), 2, quiet());
        assertEquals("run-a", data.runId());
        assertEquals(8, data.images());
        assertEquals(5, data.labeled());
        assertEquals(3, data.failed());
        assertEquals(List.of(Map.entry("NOT_FOUND", 2L), Map.entry("CORRUPT_IMAGE", 1L)),
                List.copyOf(data.failedByCode().entrySet()), "most frequent code first");
        assertEquals(List.of("g", "d", "h"), data.failureSamples().stream().map(FailureSample::imageId).toList(),
                "samples by code, in row order");
        assertEquals(List.of(new ClassCount("red", 3, 0), new ClassCount(ReportFixture.EVIL_LABEL, 1, 0),
                new ClassCount("car", 1, 0), new ClassCount("yellow", 0, 1)), data.classes(),
                "most frequent first, ties by name");
        assertEquals(6, data.detections());
        assertEquals(0.5, data.classShares().get("red"), 1e-12);
        assertEquals(new Agreement(true, 1, 1, 4, 1), data.agreement());
    }

    @Test
    void scoreHistogramsPerSourceAndDetectionsPerImage() throws Exception {
        ReportData data = RunReport.collect(store, fixture.runA(), 2, quiet());
        Histogram precise = data.scores().get(Source.PRECISE);
        assertEquals(20, precise.bins());
        List<Long> expected = new ArrayList<>(Collections.nCopies(20, 0L));
        for (int bin : new int[] {19, 12, 16, 14, 6}) { // 0.95, 0.62, 0.80, 0.70 (a float just below 0.7), 0.30
            expected.set(bin, 1L);
        }
        assertEquals(expected, precise.counts());
        Histogram open = data.scores().get(Source.OPEN_VOCAB);
        assertEquals(1L, open.counts().get(8), "0.40 falls in [0.40, 0.45)");
        assertEquals(1L, open.total());
        assertEquals(31, data.detectionsPerImage().size(), "0..29 and 30+");
        assertEquals(List.of(1L, 2L, 2L, 0L), data.detectionsPerImage().subList(0, 4), "c has none; e, f one; a, b two");
    }

    @Test
    void galleryKeepsTheMostInterestingImagesPerKindWithinItsBound() throws Exception {
        ReportData data = RunReport.collect(store, fixture.runA(), 2, quiet());
        assertEquals(List.of("f", "a"), ids(data, Kind.LOWEST_CONFIDENCE), "lowest scores 0.30, 0.40 (not b 0.62, e 0.70)");
        assertEquals(List.of("b", "a"), ids(data, Kind.DISAGREEMENT), "b: fine label + unconfirmed; a: one gap-fill");
        assertEquals(List.of("c"), ids(data, Kind.NO_LABELS));
        assertEquals("lowest score 0.30: red (precise)", data.gallery(Kind.LOWEST_CONFIDENCE).get(0).reason());
        String why = data.gallery(Kind.DISAGREEMENT).get(0).reason();
        assertTrue(why.contains("1 fine label") && why.contains("1 not confirmed by pass 2"), why);
        assertEquals(0, RunReport.collect(store, fixture.runA(), 0, quiet()).gallery().size(), "0 keeps no gallery");
    }

    @Test
    void readsRunJsonFactsAndToleratesARunWithoutOne() throws Exception {
        RunFacts facts = RunReport.collect(store, fixture.runA(), 2, quiet()).facts().orElseThrow();
        assertEquals(4.2, facts.wallSeconds(), 1e-12);
        assertEquals(List.of("fetch", "decode", "infer_pass1", "infer_pass2", "merge", "write"),
                List.copyOf(facts.stageSeconds().keySet()), "stage order kept");
        assertEquals(3.0, facts.stageSeconds().get("infer_pass1"), 1e-12);
        assertEquals("bb22", facts.modelHashes().get("open-vocab"));
        assertEquals("local[2]", facts.sparkMaster());
        ReportData partial = RunReport.collect(store, fixture.runWithoutSummary(), 2, quiet());
        assertTrue(partial.facts().isEmpty());
        assertEquals(1, partial.images());
        assertEquals(new Agreement(true, 0, 0, 0, 0), partial.agreement(), "no labels, nothing to agree on");
    }

    @Test
    void printsProgressPerShardToTheGivenStream() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunReport.collect(store, fixture.runA(), 2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("[autolabel] report run-a: 1/2 shards read"), out);
        assertTrue(out.strip().endsWith("[autolabel] report run-a: 2/2 shards read"), out);
    }

    @Test
    void boundedHeapKeepsTheSmallestInOrder() {
        BoundedHeap<Integer> heap = new BoundedHeap<>(3, Comparator.naturalOrder());
        for (int v : new int[] {9, 4, 7, 1, 8, 3, 3}) {
            heap.offer(v);
        }
        assertEquals(List.of(1, 3, 3), heap.sorted());
    }

    @Test
    void histogramClampsOutOfRangeValuesAndRejectsBadBins() {
        Histogram.Counter counter = new Histogram.Counter(0, 1, 4);
        for (double v : new double[] {-0.5, 0, 0.25, 0.5, 0.99, 1.0, 7}) {
            counter.add(v);
        }
        Histogram h = counter.histogram();
        assertEquals(List.of(2L, 1L, 1L, 3L), h.counts());
        assertEquals(0.25, h.binWidth(), 1e-12);
        assertEquals(3.0 / 7, h.share(3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Histogram.Counter(1, 1, 4));
    }

    @Test
    void runLayoutFromAFolderOrUri() {
        assertEquals(new RunLayout("demo-output", "r1"), RunReport.layoutOf("demo-output/r1/"));
        assertEquals(new RunLayout("s3://bucket/runs", "r1"), RunReport.layoutOf("s3://bucket/runs/r1"));
        assertEquals("s3://bucket/runs/r1/report.html", RunReport.layoutOf("s3://bucket/runs/r1").reportUri());
        assertEquals(new RunLayout(".", "r1"), RunReport.layoutOf("r1"));
        assertEquals("/r1", RunReport.layoutOf("/r1").runDir());
        assertThrows(IllegalArgumentException.class, () -> RunReport.layoutOf("out/.."));
    }

    private static List<String> ids(ReportData data, Kind kind) {
        return data.gallery(kind).stream().map(item -> item.image().imageId()).toList();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
