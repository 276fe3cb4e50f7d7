package dev.autolabel.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.config.PipelineSettings;
import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.image.RgbImage;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Status;
import dev.autolabel.manifest.MalformedRow;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.image.InputSpec;
import dev.autolabel.model.ClassNames;
import dev.autolabel.model.Detector;
import dev.autolabel.model.YoloAdapter;
import dev.autolabel.model.ModelException;
import dev.autolabel.model.SessionCache;
import dev.autolabel.storage.LocalBlobStore;
import dev.autolabel.testing.FixtureModels;
import dev.autolabel.testing.TestImages;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipelined labeler on the fixture models: rows interleaved with every kind of per-image fault come out once
 * each, in input order, labeled exactly as image-by-image labeling labels them; reads in flight stay within
 * fetch-concurrency; resize buffers are reused; and a failing sink, an interrupt or a model error stop the run
 * with every stage thread ended.
 */
class LabelingPipelineTest {

    private static final Color GREY = new Color(114, 114, 114);
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
    private static final List<String> IMAGES = List.of("red.png", "both.jpg", "blue.png", "tall.png", "wide.jpg");

    @TempDir
    static Path dir;

    @BeforeAll
    static void drawImages() throws Exception {
        Files.write(dir.resolve("red.png"), TestImages.canvas(200, 150, GREY).fill(20, 30, 80, 90, Color.RED).png());
        Files.write(dir.resolve("both.jpg"), TestImages.canvas(200, 150, GREY).fill(20, 30, 80, 90, Color.RED)
                .fill(120, 40, 180, 110, Color.YELLOW).jpeg(95));
        Files.write(dir.resolve("blue.png"), TestImages.canvas(120, 160, GREY).fill(10, 10, 60, 70, Color.BLUE).png());
        Files.write(dir.resolve("tall.png"), TestImages.canvas(90, 300, GREY).fill(10, 150, 70, 250, Color.GREEN)
                .fill(20, 20, 60, 90, Color.RED).png());
        Files.write(dir.resolve("wide.jpg"), TestImages.canvas(400, 100, GREY).fill(300, 10, 380, 90, Color.YELLOW)
                .fill(20, 20, 90, 80, Color.BLUE).jpeg(95));
        Files.writeString(dir.resolve("html.jpg"), "<html>oops</html>");
    }

    @AfterEach
    void noStageThreadOutlivesItsRun() throws InterruptedException {
        // A pool counts as terminated while its last worker is still returning from its run loop: give those
        // threads a moment to finish dying; a thread that really leaked is still alive after it.
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().matches("autolabel-\\d+-(fetch|decode|infer).*")) {
                t.join(5_000);
            }
        }
        assertEquals(List.of(), stageThreads(), "every fetch, decode and inference thread ended with its run");
    }

    @Test
    void everyRowOnceInInputOrderLabeledAsImageByImage() throws Exception {
        AutolabelConfig config = config("precision.qa.flip-consistency = true");
        List<ManifestRow> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(switch (i % 10) {
                case 3 -> new MalformedRow(i + 1, "not valid JSON");
                case 5 -> entry("missing-" + i, "nope-" + i + ".png");
                case 7 -> entry("html-" + i, "html.jpg");
                default -> entry("img-" + i, IMAGES.get(i % IMAGES.size()));
            });
        }
        try (LocalBlobStore store = new LocalBlobStore(1 << 20)) {
            LabelingPipeline pipeline = pipeline(store, config, new PipelineSettings(3, 2, 2));
            List<LabeledImage> out = new ArrayList<>();
            PipelineStats stats = pipeline.run(rows.iterator(), out::add);

            assertEquals(60, stats.rows());
            assertEquals(rows.stream().map(LabelingPipelineTest::idOf).toList(),
                    out.stream().map(LabeledImage::imageId).toList(), "one row per input row, in input order");
            PassDetectors reference = passes(store, config);
            for (int i = 0; i < rows.size(); i++) {
                LabeledImage row = out.get(i);
                switch (i % 10) {
                    case 3 -> assertEquals(ErrorCode.MALFORMED_MANIFEST_ROW, row.errorCode().orElseThrow());
                    case 5 -> assertEquals(ErrorCode.NOT_FOUND, row.errorCode().orElseThrow());
                    case 7 -> assertEquals(ErrorCode.CORRUPT_IMAGE, row.errorCode().orElseThrow());
                    default -> {
                        assertEquals(Status.OK, row.status(), row.toString());
                        assertEquals(labelsImageByImage(reference, ((ManifestEntry) rows.get(i)).uri()), row.detections(),
                                row.imageId() + " labeled as by the serial path");
                        assertTrue(row.fingerprint().isPresent());
                    }
                }
            }
            assertTrue(out.stream().anyMatch(r -> r.detections().size() == 2), "the images have labels to compare");
            assertTrue(stats.batches() >= 36 / 3, "images went through in batches of at most 3: " + stats.batches());
        }
    }

    @Test
    void readsInFlightStayWithinFetchConcurrencyAndResizeBuffersAreReused() throws Exception {
        AutolabelConfig config = config("");
        List<ManifestRow> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(entry("img-" + i, IMAGES.get(i % IMAGES.size())));
        }
        try (CountingStore store = new CountingStore(new LocalBlobStore(1 << 20))) {
            PipelineSettings settings = new PipelineSettings(4, 2, 3);
            AtomicInteger delivered = new AtomicInteger();
            PipelineStats stats = pipeline(store, config, settings).run(rows.iterator(), row -> delivered.incrementAndGet());

            assertEquals(300, delivered.get());
            assertEquals(300, store.reads());
            assertTrue(store.maxInFlight() <= 4, "at most fetch-concurrency reads at once: " + store.maxInFlight());
            assertTrue(store.maxInFlight() >= 2, "reads do overlap: " + store.maxInFlight());
            // Out at once: one per decode thread, the queue, the batch being filled (pass 2 shares pass 1's input).
            int bound = settings.decodeThreads() + settings.queueCapacity() + config.batchSize();
            assertTrue(stats.resizeBuffers() <= bound, stats.resizeBuffers() + " resize buffers for 300 images, bound " + bound);
        }
    }

    @Test
    void aFailingSinkStopsTheRunAndEndsItsThreads() throws Exception {
        List<ManifestRow> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(entry("img-" + i, IMAGES.get(i % IMAGES.size())));
        }
        try (LocalBlobStore store = new LocalBlobStore(1 << 20)) {
            AtomicInteger written = new AtomicInteger();
            IOException e = assertThrows(IOException.class, () -> pipeline(store, config(""), new PipelineSettings(4, 2, 2))
                    .run(rows.iterator(), row -> {
                        if (written.incrementAndGet() == 10) {
                            throw new IOException("disk full");
                        }
                    }));
            assertEquals("disk full", e.getMessage());
            assertEquals(10, written.get(), "nothing is delivered after the failure");
        }
    }

    @Test
    void anInterruptStopsTheRunAndEndsItsThreads() throws Exception {
        List<ManifestRow> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(entry("img-" + i, IMAGES.get(i % IMAGES.size())));
        }
        try (LocalBlobStore store = new LocalBlobStore(1 << 20)) {
            AtomicInteger written = new AtomicInteger();
            // Spark kills a task by interrupting its thread: here the sink's own thread is interrupted mid-run.
            assertThrows(InterruptedException.class, () -> pipeline(store, config(""), new PipelineSettings(4, 2, 2))
                    .run(rows.iterator(), row -> {
                        if (written.incrementAndGet() == 5) {
                            Thread.currentThread().interrupt();
                        }
                    }));
            assertTrue(written.get() < 200, "the run stopped early: " + written.get());
        }
    }

    @Test
    void aModelErrorFailsTheRunInsteadOfBecomingFailedRows() throws Exception {
        AutolabelConfig config = config("");
        try (LocalBlobStore store = new LocalBlobStore(1 << 20)) {
            PassDetectors good = passes(store, config);
            // A decoder built by hand for a 32x32 input on the 64x64 YOLO model (recognition would refuse it): every
            // model run fails inside ONNX Runtime.
            Detector wrongSize = new Detector(SessionCache.get(FixtureModels.yolo(), Optional.empty(), config.execution()),
                    new YoloAdapter(InputSpec.yolo(32, 32), "images", "output0", ClassNames.resolve(FixtureModels.CLASSES,
                            Map.of()), 0.5f), 2, false);
            PassDetectors broken = new PassDetectors(wrongSize, good.precisionPass(), Optional.empty(), Optional.empty(),
                    good.merge());
            LabelingPipeline pipeline = new LabelingPipeline(store, new ImageIoDecoder(config.image()), broken, provenance(config),
                    Clock.fixed(NOW, ZoneOffset.UTC), new PipelineSettings(2, 1, 2));
            List<ManifestRow> rows = List.of(entry("a", "red.png"), entry("b", "blue.png"), entry("c", "both.jpg"));
            List<LabeledImage> out = new ArrayList<>();

            ModelException e = assertThrows(ModelException.class, () -> pipeline.run(rows.iterator(), out::add));
            assertTrue(e.getMessage().contains("inference failed"), e.getMessage());
            assertEquals(List.of(), out, "no row is written for images the models never saw");
        }
    }

    @Test
    void anEmptyInputFinishesAtOnce() throws Exception {
        try (LocalBlobStore store = new LocalBlobStore(1 << 20)) {
            PipelineStats stats = pipeline(store, config(""), PipelineSettings.defaults())
                    .run(List.<ManifestRow>of().iterator(), row -> {
                        throw new AssertionError("no rows, no output");
                    });
            assertEquals(0, stats.rows());
            assertSame(0L, stats.batches());
        }
    }

    /** What pass 1 (+ its mirrored run), pass 2 and the merge make of one image, run image by image. */
    private static List<LabeledDetection> labelsImageByImage(PassDetectors passes, String uri) throws Exception {
        RgbImage image = new ImageIoDecoder(config("").image()).decode(Files.readAllBytes(Path.of(uri)), uri);
        List<Detection> raw1 = passes.precision().detect(List.of(image)).get(0);
        List<Detection> mirrored = MirroredDetections.detect(passes.precision(), List.of(image)).get(0);
        List<Detection> raw2 = passes.openVocab().orElseThrow().detect(List.of(image)).get(0);
        return passes.combine(raw1, mirrored, raw2, image.width(), image.height()).labels();
    }

    private static LabelingPipeline pipeline(dev.autolabel.storage.BlobStore store, AutolabelConfig config,
            PipelineSettings settings) {
        return new LabelingPipeline(store, new ImageIoDecoder(config.image()), passes(store, config), provenance(config),
                Clock.fixed(NOW, ZoneOffset.UTC), settings);
    }

    private static PassDetectors passes(dev.autolabel.storage.BlobStore store, AutolabelConfig config) {
        return PassDetectorFactory.create(config, Optional.of(EmbeddingsLoader.load(store, config.openVocab().orElseThrow())),
                new ModelLocator(store), config.execution());
    }

    private static Provenance provenance(AutolabelConfig config) {
        return new Provenance("run-1", Map.of("precision", "p-hash"), config.labelingConfigHash(), 1);
    }

    private static AutolabelConfig config(String extra) {
        String text = String.format("""
                autolabel {
                  execution.batch-size = 3
                  precision { model = "%s", threshold = 0.6, class-thresholds { yellow = 1.0 } }
                  open-vocab { model = "%s", embeddings-file = "%s", threshold = 0.3,
                    prompts = [ { label = yellow, texts = ["yellow thing"] }, { label = red, texts = ["red thing"] } ] }
                  %s
                }
                """, FixtureModels.yolo(), FixtureModels.openVocab(), FixtureModels.embeddingsFile(), extra);
        return ConfigLoader.fromConfig(ConfigFactory.parseString(text), Map.of());
    }

    private static ManifestEntry entry(String id, String file) {
        return new ManifestEntry(id, dir.resolve(file).toString(), 1, Map.of("camera", "cam-1"));
    }

    private static String idOf(ManifestRow row) {
        return row instanceof ManifestEntry e ? e.id() : ((MalformedRow) row).syntheticId();
    }

    static List<String> stageThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.matches("autolabel-\\d+-(fetch|decode|infer).*")).sorted().toList();
    }
}
