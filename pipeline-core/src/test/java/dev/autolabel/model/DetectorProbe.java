package dev.autolabel.model;

import static dev.autolabel.model.BlobCanvas.BLUE;
import static dev.autolabel.model.BlobCanvas.GREEN;
import static dev.autolabel.model.BlobCanvas.GREY;
import static dev.autolabel.model.BlobCanvas.RED;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.image.RgbImage;
import dev.autolabel.testing.FixtureModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fresh JVM's first use of the fixture models: runs batches of 4 through a Detector, checks each finds the red
 * blob, and prints {@code RSS <batch> <bytes>} at the requested batch numbers. Started by
 * {@link ModelSessionMemoryTest} (fixed, pre-touched heap, so RSS growth is native memory) and
 * {@link OrtEnvironmentsTest} (long command line).
 */
final class DetectorProbe {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final int PROMPTS = 2048;

    private DetectorProbe() {
    }

    /** Arguments: the batch numbers after which to report RSS, ascending; the last is the number of batches. */
    public static void main(String[] args) throws IOException {
        Detector detector = wideOpenVocabDetector();
        List<RgbImage> batch = List.of(
                new BlobCanvas(200, 120, GREY).fill(RED, new Box(30, 40, 90, 100)).image(),
                new BlobCanvas(120, 200, GREY).fill(GREEN, new Box(10, 10, 60, 60)).image(),
                new BlobCanvas(64, 64, GREY).fill(BLUE, new Box(0, 0, 32, 32)).image(),
                new BlobCanvas(64, 64, GREY).image());
        int batches = Integer.parseInt(args[args.length - 1]);
        int nextReport = 0;
        for (int i = 1; i <= batches; i++) {
            List<List<Detection>> result = detector.detect(batch);
            if (result.size() != 4 || result.get(0).stream().noneMatch(d -> d.label().equals("red"))) {
                throw new IllegalStateException("batch " + i + " lost the red blob: " + result);
            }
            if (i == Integer.parseInt(args[nextReport])) {
                System.out.println("RSS " + i + " " + residentBytes());
                nextReport++;
            }
        }
    }

    /**
     * The open-vocab fixture with 2,048 prompts returns 128 KB of logits per batch, so leaking outputs would be
     * plain to see. Prompt 0 is "red"; the others use embedding dimensions no colour slot has and never fire.
     */
    private static Detector wideOpenVocabDetector() {
        int dim = 8;
        List<Prompt> prompts = new ArrayList<>();
        float[] matrix = new float[PROMPTS * dim];
        for (int q = 0; q < PROMPTS; q++) {
            prompts.add(new Prompt(q == 0 ? "red" : "p" + q, "prompt " + q));
            matrix[q * dim + (q == 0 ? 0 : 4 + q % 4)] = 1f;
        }
        ModelSession session = SessionCache.get(FixtureModels.openVocab(), Optional.empty(),
                new ExecutionSettings(DevicePreference.AUTO, 0, 1));
        return Detectors.openVocab(session, FixtureModels.openVocabSpec(), FixtureModels.openVocabOptions(),
                new TextEmbeddings(prompts, dim, matrix), 0.25f, 4);
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in " + STATUS);
    }
}
