package dev.autolabel.model;

import static dev.autolabel.model.BlobCanvas.BLACK;
import static dev.autolabel.model.BlobCanvas.BLUE;
import static dev.autolabel.model.BlobCanvas.GREEN;
import static dev.autolabel.model.BlobCanvas.GREY;
import static dev.autolabel.model.BlobCanvas.RED;
import static dev.autolabel.model.BlobCanvas.WHITE;
import static dev.autolabel.model.BlobCanvas.YELLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.image.RgbImage;
import dev.autolabel.testing.FixtureModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The yolo and end2end adapters on the colour-blob fixtures: real inference, boxes checked against the drawing. */
class ClosedSetDetectorTest {

    static final ExecutionSettings EXEC = new ExecutionSettings(DevicePreference.AUTO, 0, 1);
    static final float CANDIDATE_THRESHOLD = 0.25f;

    private static final Box RED_BOX = new Box(30, 40, 90, 100);
    private static final Box BLUE_BOX = new Box(120, 10, 180, 60);

    static Stream<ModelSpec> closedSetSpecs() {
        return Stream.of(FixtureModels.yoloSpec(), FixtureModels.end2endSpec());
    }

    static Detector detector(ModelSpec spec, int batchSize) {
        ModelSession session = SessionCache.get(Path.of(spec.location()), spec.pinnedSha256(), EXEC);
        return Detectors.closedSet(session, spec, CANDIDATE_THRESHOLD, batchSize);
    }

    static RgbImage redAndBlue() {
        return new BlobCanvas(200, 120, GREY).fill(RED, RED_BOX).fill(BLUE, BLUE_BOX).image();
    }

    @ParameterizedTest
    @MethodSource("closedSetSpecs")
    void findsEachColourBlobInOriginalPixels(ModelSpec spec) {
        List<List<Detection>> result = detector(spec, 8).detect(List.of(redAndBlue()));

        assertEquals(1, result.size());
        Expect.detections(Map.of("red", RED_BOX, "blue", BLUE_BOX), result.get(0));
        result.get(0).forEach(d -> assertEquals(FixtureModels.CLASSES.indexOf(d.label()), d.classId(), d.toString()));
    }

    @ParameterizedTest
    @MethodSource("closedSetSpecs")
    void tellsYellowFromRedAndGreenOnAnyBackground(ModelSpec spec) {
        Box yellow = new Box(10, 10, 50, 70);
        Box green = new Box(60, 20, 95, 45);
        Detector detector = detector(spec, 8);
        for (int[] background : List.of(WHITE, BLACK, GREY)) {
            RgbImage image = new BlobCanvas(100, 80, background).fill(YELLOW, yellow).fill(GREEN, green).image();
            Expect.detections(Map.of("yellow", yellow, "green", green), detector.detect(List.of(image)).get(0));
        }
    }

    @ParameterizedTest
    @MethodSource("closedSetSpecs")
    void batchGivesPerImageResultsInOrder(ModelSpec spec) {
        Box tall = new Box(5, 5, 25, 110);
        List<RgbImage> images = List.of(
                redAndBlue(),
                new BlobCanvas(64, 120, WHITE).fill(GREEN, tall).image(),
                new BlobCanvas(300, 200, GREY).image(),
                new BlobCanvas(120, 120, BLACK).fill(YELLOW, RED_BOX).image());
        List<Map<String, Box>> expected = List.of(
                Map.of("red", RED_BOX, "blue", BLUE_BOX),
                Map.of("green", tall),
                Map.of(),
                Map.of("yellow", RED_BOX));
        for (int batchSize : new int[] {4, 3, 1}) {
            List<List<Detection>> result = detector(spec, batchSize).detect(images);
            assertEquals(images.size(), result.size(), "batch size " + batchSize);
            for (int i = 0; i < images.size(); i++) {
                Expect.detections(expected.get(i), result.get(i));
            }
        }
    }

    @Test
    void detectorsOnSeveralThreadsShareOneSessionAndAgree() throws Exception {
        List<RgbImage> images = List.of(redAndBlue(), new BlobCanvas(90, 60, WHITE).fill(GREEN, new Box(5, 5, 40, 50)).image());
        List<List<Detection>> reference = detector(FixtureModels.yoloSpec(), 2).detect(images);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<Detection>>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    Detector own = detector(FixtureModels.yoloSpec(), 2); // one Detector per thread, shared session
                    List<List<Detection>> last = List.of();
                    for (int i = 0; i < 50; i++) {
                        last = own.detect(images);
                    }
                    return last;
                }));
            }
            for (Future<List<List<Detection>>> run : runs) {
                assertEquals(reference, run.get(1, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fixedBatchModelRunsAtItsOwnSizeAndIgnoresPaddingSlots() {
        ModelSpec spec = new ModelSpec(FixtureModels.yoloFixedBatch2().toString(), ModelFormat.YOLO, Optional.empty(),
                InputSettings.yoloDefaults(), List.of(), Optional.empty(), Optional.empty());
        Detector detector = detector(spec, 8);
        assertEquals(2, detector.batchSize(), "a fixed batch dimension overrides the requested size");

        Box green = new Box(40, 40, 60, 90);
        List<RgbImage> images = List.of(redAndBlue(), new BlobCanvas(100, 100, GREY).fill(GREEN, green).image(),
                new BlobCanvas(100, 100, GREY).image());
        List<List<Detection>> result = detector.detect(images);

        assertEquals(3, result.size());
        Expect.detections(Map.of("red", RED_BOX, "blue", BLUE_BOX), result.get(0));
        Expect.detections(Map.of("green", green), result.get(1));
        Expect.detections(Map.of(), result.get(2)); // its padding slot still holds image 1's pixels
    }

    @Test
    void configuredClassNamesOverrideTheModelMetadata() {
        ModelSpec base = FixtureModels.yoloSpec();
        ModelSpec renamed = new ModelSpec(base.location(), base.format(), base.pinnedSha256(), base.input(),
                List.of("apple", "leaf", "sky", "sun"), base.imageInput(), base.output());

        List<Detection> dets = detector(renamed, 1).detect(List.of(redAndBlue())).get(0);

        Expect.detections(Map.of("apple", RED_BOX, "sky", BLUE_BOX), dets);
    }

    @Test
    void classNamesThatMissClassesAreRefusedNotGuessed() {
        ModelSpec base = FixtureModels.yoloSpec();
        ModelSpec threeNames = new ModelSpec(base.location(), base.format(), base.pinnedSha256(), base.input(),
                List.of("apple", "leaf", "sky"), base.imageInput(), base.output());

        ModelException e = assertThrows(ModelException.class, () -> detector(threeNames, 1));

        assertTrue(e.getMessage().contains("for 3 class names"), e.getMessage());
    }

    @Test
    void candidateThresholdDropsWeakerScores() {
        ModelSession session = SessionCache.get(FixtureModels.yolo(), Optional.empty(), EXEC);
        // A dark red (R = 140) scores below 1 on the red match, so its mask peak is far from saturated.
        RgbImage darkRed = new BlobCanvas(100, 100, BLACK).fill(new int[] {140, 0, 0}, RED_BOX).image();
        List<Detection> loose = Detectors.closedSet(session, FixtureModels.yoloSpec(), 0.05f, 1).detect(List.of(darkRed)).get(0);
        assertEquals(1, loose.size(), loose::toString);
        float score = loose.get(0).score();
        assertTrue(score > 0.05f && score < 0.9f, () -> "dark red scored " + score);

        List<Detection> strict = Detectors.closedSet(session, FixtureModels.yoloSpec(), Math.min(1f, score + 0.05f), 1)
                .detect(List.of(darkRed)).get(0);
        assertEquals(List.of(), strict);
    }

    @Test
    void openVocabModelIsRefusedForThePrecisionPass() {
        ModelSession session = SessionCache.get(FixtureModels.openVocab(), Optional.empty(), EXEC);
        ModelSpec asOpenVocab = FixtureModels.openVocabSpec();
        ModelException e = assertThrows(ModelException.class, () -> Detectors.closedSet(session, asOpenVocab, 0.25f, 1));
        assertTrue(e.getMessage().contains("closed-set"), e.getMessage());
    }
}
