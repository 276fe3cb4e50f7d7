package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.detect.Detection;
import dev.autolabel.image.RgbImage;
import dev.autolabel.model.Detector;
import dev.autolabel.model.ExecutionSettings;
import dev.autolabel.model.ModelException;
import dev.autolabel.model.ModelSession;
import dev.autolabel.model.TextEmbeddings;
import dev.autolabel.storage.BlobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The check every run makes on the driver before any Spark job, and what {@code validate} prints: open both passes'
 * models, recognise their export families and build their decoders (with the run's text embeddings, tokenizer and
 * config.json), then run each once on a synthetic image. Any mismatch is a {@link ModelException} of one line naming
 * the model, the tensor and the fix.
 */
public final class ModelCheck {

    /** Side lengths of the synthetic image: non-square, so letterbox and stretch are both exercised. */
    static final int TRIAL_WIDTH = 640;
    static final int TRIAL_HEIGHT = 480;

    /** One pass as checked: its detector (session, decoder) and the detections of the trial run. */
    public record PassReport(String pass, String location, Detector detector, List<Detection> trial) {
        public PassReport {
            requireNonNull(pass, "pass");
            requireNonNull(location, "location");
            requireNonNull(detector, "detector");
            trial = List.copyOf(requireNonNull(trial, "trial"));
        }

        public ModelSession session() {
            return detector.session();
        }
    }

    /** Both passes checked, the model hashes by role and the text embeddings (when configured). */
    public record Result(List<PassReport> passes, Map<String, String> modelHashes, Optional<TextEmbeddings> embeddings) {
        public Result {
            passes = List.copyOf(requireNonNull(passes, "passes"));
            modelHashes = Map.copyOf(requireNonNull(modelHashes, "modelHashes"));
            requireNonNull(embeddings, "embeddings");
        }
    }

    private ModelCheck() {
    }

    public static Result run(AutolabelConfig config, BlobStore store, ExecutionSettings exec) {
        ModelLocator models = new ModelLocator(store);
        Optional<TextEmbeddings> embeddings = config.openVocab().flatMap(ov -> EmbeddingsLoader.loadIfConfigured(store, ov));
        PassDetectors passes = PassDetectorFactory.create(config, embeddings, models, exec);
        List<PassReport> reports = new ArrayList<>();
        reports.add(trial("precision", config.precision().model().location(), passes.precision()));
        passes.openVocab().ifPresent(d -> reports.add(trial("open-vocab", config.openVocab().get().model().location(), d)));
        return new Result(reports, PassDetectorFactory.modelHashes(config, models, exec), embeddings);
    }

    /**
     * Runs a landscape and a portrait image, as one batch where the detector takes two: exports whose batch size or
     * image size was baked in at export show here rather than on the executors.
     */
    private static PassReport trial(String pass, String location, Detector detector) {
        try {
            List<List<Detection>> found = detector.detect(List.of(trialImage(TRIAL_WIDTH, TRIAL_HEIGHT),
                    trialImage(TRIAL_HEIGHT, TRIAL_WIDTH)));
            return new PassReport(pass, location, detector, found.get(0));
        } catch (ModelException e) {
            throw new ModelException(pass + " model " + location + " failed its trial run on " + TRIAL_WIDTH + "x"
                    + TRIAL_HEIGHT + " and " + TRIAL_HEIGHT + "x" + TRIAL_WIDTH + " images in a batch of "
                    + Math.min(2, detector.batchSize()) + " (" + firstLine(e.getMessage()) + "); check " + pass
                    + ".format, " + pass + ".input (size " + detector.inputSpec().width() + "x"
                    + detector.inputSpec().height() + " was used) and execution.batch-size", e);
        }
    }

    /** ONNX Runtime's messages run over many lines; the first says what failed. */
    public static String firstLine(String message) {
        String line = message == null ? "no message" : message.lines().findFirst().orElse("").strip();
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }

    /** Mid grey with a red, a green and a blue rectangle: something for any detector to see. */
    static RgbImage trialImage(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        java.util.Arrays.fill(rgb, (byte) 128);
        int[][] rects = {{60, 80, 220, 260, 0}, {300, 120, 420, 400, 1}, {40, 300, 200, 440, 2}};
        for (int[] r : rects) {
            for (int y = r[1]; y < Math.min(r[3], height); y++) {
                for (int x = r[0]; x < Math.min(r[2], width); x++) {
                    int i = (y * width + x) * 3;
                    rgb[i] = 0;
                    rgb[i + 1] = 0;
                    rgb[i + 2] = 0;
                    rgb[i + r[4]] = (byte) 255;
                }
            }
        }
        return new RgbImage(width, height, rgb);
    }
}
