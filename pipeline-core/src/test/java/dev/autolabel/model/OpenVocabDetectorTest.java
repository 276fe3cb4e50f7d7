package dev.autolabel.model;

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
import dev.autolabel.image.ResizeMode;
import dev.autolabel.image.RgbImage;
import dev.autolabel.testing.FixtureModels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The open-vocab adapter on the colour-blob fixture: only prompts whose colour is in the image fire. */
class OpenVocabDetectorTest {

    private static final Box RED_BOX = new Box(30, 40, 90, 100);
    private static final Box BLUE_BOX = new Box(120, 10, 180, 60);

    static List<Prompt> allPrompts() {
        List<Prompt> prompts = new ArrayList<>(FixtureModels.colourPrompts());
        prompts.add(new Prompt("purple", "purple thing"));
        return prompts;
    }

    static Detector detector(ModelSpec spec, List<Prompt> prompts, int batchSize) {
        ModelSession session = SessionCache.get(FixtureModels.openVocab(), Optional.empty(), ClosedSetDetectorTest.EXEC);
        return Detectors.openVocab(session, spec, FixtureModels.openVocabOptions(), FixtureModels.embeddings(prompts),
                ClosedSetDetectorTest.CANDIDATE_THRESHOLD, batchSize);
    }

    private static RgbImage redAndBlue() {
        return new BlobCanvas(200, 120, GREY).fill(RED, RED_BOX).fill(BLUE, BLUE_BOX).image();
    }

    @Test
    void onlyPromptsWhoseColourIsPresentFire() {
        List<Detection> dets = detector(FixtureModels.openVocabSpec(), allPrompts(), 4).detect(List.of(redAndBlue())).get(0);

        Expect.detections(Map.of("red", RED_BOX, "blue", BLUE_BOX), dets);
        for (Detection d : dets) {
            assertEquals(d.label() + " thing", allPrompts().get(d.classId()).text(), "classId is the prompt index");
        }
    }

    @Test
    void textInputsAreBuiltOncePerBatchShapeAndReused() {
        Detector plain = detector(FixtureModels.openVocabSpec(), allPrompts(), 2);
        List<int[]> built = new ArrayList<>();
        DetectorAdapter adapter = plain.adapter();
        DetectorAdapter counting = new DetectorAdapter() {
            @Override
            public dev.autolabel.image.InputSpec inputSpec() {
                return adapter.inputSpec();
            }

            @Override
            public String imageInputName() {
                return adapter.imageInputName();
            }

            @Override
            public Map<String, InputValue> extraInputs(int images, int width, int height) {
                built.add(new int[] {images, width, height});
                return adapter.extraInputs(images, width, height);
            }

            @Override
            public List<List<Detection>> decode(Map<String, TensorData> outputs,
                    List<dev.autolabel.image.ImageTransform> transforms, int inputWidth, int inputHeight) {
                return adapter.decode(outputs, transforms, inputWidth, inputHeight);
            }

            @Override
            public String describe() {
                return adapter.describe();
            }
        };
        Detector reusing = new Detector(plain.session(), counting, 2, false);
        List<RgbImage> images = List.of(redAndBlue(), redAndBlue(), redAndBlue(), redAndBlue(), redAndBlue());

        List<List<Detection>> got = reusing.detect(images);

        assertEquals(plain.detect(images), got, "the same detections as inputs built for every batch");
        // Batches of 2, 2 and 1: the second batch reuses the first's inputs, the short last one gets its own.
        assertEquals(List.of("2x64x64", "1x64x64"), built.stream().map(b -> b[0] + "x" + b[1] + "x" + b[2]).toList());
    }

    @Test
    void promptOrderAndSubsetDecideClassIds() {
        List<Prompt> prompts = List.of(new Prompt("purple", "purple thing"), new Prompt("ball", "blue thing"));

        List<Detection> dets = detector(FixtureModels.openVocabSpec(), prompts, 1).detect(List.of(redAndBlue())).get(0);

        Expect.detections(Map.of("ball", BLUE_BOX), dets);
        assertEquals(1, dets.get(0).classId());
    }

    @Test
    void synonymsSharingALabelEachReportTheBox() {
        List<Prompt> prompts = List.of(new Prompt("warm", "red thing"), new Prompt("warm", "yellow thing"));
        Box yellow = new Box(150, 70, 190, 110);
        RgbImage image = new BlobCanvas(200, 120, GREY).fill(RED, RED_BOX).fill(YELLOW, yellow).image();

        List<Detection> dets = detector(FixtureModels.openVocabSpec(), prompts, 1).detect(List.of(image)).get(0);

        assertEquals(2, dets.size(), dets::toString);
        Expect.assertBox(RED_BOX, dets.stream().filter(d -> d.classId() == 0).findFirst().orElseThrow().box(), "red thing");
        Expect.assertBox(yellow, dets.stream().filter(d -> d.classId() == 1).findFirst().orElseThrow().box(), "yellow thing");
        assertTrue(dets.stream().allMatch(d -> d.label().equals("warm")));
    }

    @Test
    void stretchedInputMapsBoxesBackPerAxis() {
        ModelSpec base = FixtureModels.openVocabSpec();
        InputSettings stretch = new InputSettings(0, 0, 640, ResizeMode.STRETCH, 114, false, new float[3], new float[] {1f, 1f, 1f});
        ModelSpec spec = new ModelSpec(base.location(), base.format(), base.pinnedSha256(), stretch, base.classNames(),
                base.imageInput(), base.output());

        List<Detection> dets = detector(spec, allPrompts(), 1).detect(List.of(redAndBlue())).get(0);

        Expect.detections(Map.of("red", RED_BOX, "blue", BLUE_BOX), dets);
    }

    @Test
    void batchGivesPerImageResultsInOrder() {
        Box green = new Box(10, 60, 50, 75);
        List<RgbImage> images = List.of(
                new BlobCanvas(80, 80, WHITE).fill(GREEN, green).image(),
                redAndBlue(),
                new BlobCanvas(50, 50, GREY).image());

        List<List<Detection>> result = detector(FixtureModels.openVocabSpec(), allPrompts(), 2).detect(images);

        assertEquals(3, result.size());
        Expect.detections(Map.of("green", green), result.get(0));
        Expect.detections(Map.of("red", RED_BOX, "blue", BLUE_BOX), result.get(1));
        Expect.detections(Map.of(), result.get(2));
    }

    @Test
    void embeddingsOfTheWrongDimensionAreRefused() {
        ModelSession session = SessionCache.get(FixtureModels.openVocab(), Optional.empty(), ClosedSetDetectorTest.EXEC);
        TextEmbeddings fourDims = new TextEmbeddings(List.of(new Prompt("red", "red thing")), 4, new float[] {1, 0, 0, 0});

        ModelException e = assertThrows(ModelException.class, () -> Detectors.openVocab(session, FixtureModels.openVocabSpec(),
                FixtureModels.openVocabOptions(), fourDims, 0.25f, 1));
        assertTrue(e.getMessage().contains("dimension 8"), e.getMessage());
    }

    @Test
    void closedSetFormatIsRefusedForTheOpenVocabPass() {
        ModelSession session = SessionCache.get(FixtureModels.openVocab(), Optional.empty(), ClosedSetDetectorTest.EXEC);
        assertThrows(ModelException.class, () -> Detectors.openVocab(session, FixtureModels.yoloSpec(),
                FixtureModels.openVocabOptions(), FixtureModels.embeddings(allPrompts()), 0.25f, 1));
    }

    @Test
    void embeddingsFileNamesTheMissingPromptAndWhatItHas() {
        String json = "{\"dim\": 2, \"embeddings\": {\"cat\": [1, 0]}}";
        IOException missing = assertThrows(IOException.class, () -> EmbeddingsFile.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json", List.of(new Prompt("dog", "dog"))));
        assertTrue(missing.getMessage().contains("'dog'") && missing.getMessage().contains("[cat]"), missing.getMessage());
    }
}
