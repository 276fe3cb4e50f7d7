package dev.autolabel.spark.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.calibration.CalibrationJson;
import dev.autolabel.calibration.CalibrationResult;
import dev.autolabel.calibration.ClassDecision;
import dev.autolabel.calibration.ClassKey;
import dev.autolabel.calibration.IntervalMethod;
import dev.autolabel.calibration.Interval;
import dev.autolabel.calibration.ReviewJson;
import dev.autolabel.calibration.ReviewSet;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.merge.OpenVocabParams;
import dev.autolabel.merge.PrecisionParams;
import dev.autolabel.model.Sha256;
import dev.autolabel.quality.BenchmarkLabels;
import dev.autolabel.quality.CocoGroundTruth;
import dev.autolabel.quality.LabelTruth;
import dev.autolabel.spark.CliCapture;
import dev.autolabel.spark.CliCapture.Result;
import dev.autolabel.spark.output.RunReader;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.LocalBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when of issue 13, on the trained quality benchmark, through the real commands: label the validation set
 * (make_scenes.py --seed 7) with exploratory thresholds, draw a review sample, review it in Label Studio (simulated
 * from the validation ground truth, written in Label Studio's export format), import, calibrate, and run the held-out
 * test set with the calibration file included. Then, on the test set: every calibrated class's measured precision is
 * at least the target minus the half-width of its 95% interval, and the calibrated run's recall beats the best single
 * global threshold whose overall precision is at least the calibrated run's. (Also printed, not asserted: the best
 * pair of per-pass thresholds, chosen on the test set itself, an oracle no review sample can match.)
 * run.json carries the thresholds and the review set's hash, and repeating the run from run.json alone gives the same
 * labels. Prints every number.
 */
class CalibrationBenchmarkTest {

    static final double TARGET = 0.95;
    static final int PER_CLASS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path QUALITY = ROOT.resolve("pipeline-core/src/test/resources/quality");
    private static final Path VAL = QUALITY.resolve("valset");
    private static final Path TEST = QUALITY.resolve("testset");

    @TempDir
    Path tmp;

    @Test
    void calibratedThresholdsMeetTheTargetOnTheTestSetWithMoreRecallThanAGlobalThreshold() throws Exception {
        Path out = tmp.resolve("out");
        ok(cli("run", "--master", "local[2]", "--manifest", manifest(VAL).toString(), "--run-id", "val",
                "--set", "precision.threshold=0.3", "--set", "open-vocab.threshold=0.2"));
        String val = out.resolve("val").toString();
        Path review = tmp.resolve("review");
        ok(CliCapture.run("review", "sample", "--run", val, "--per-class", Integer.toString(PER_CLASS), "--seed", "13",
                "--out", review.toString()));
        CocoGroundTruth valTruth = truth(VAL);
        SimulatedReviewer.export(review.resolve("tasks.json"), valTruth, review.resolve("export.json"));
        ok(CliCapture.run("review", "import", "--run", val, "--labelstudio", review.resolve("export.json").toString()));
        ok(CliCapture.run("review", "import", "--run", val, "--coco", VAL.resolve("instances.json").toString()));
        ReviewSet fromLabelStudio = reviewSet(out.resolve("val/reviews/review-001.json"));
        ReviewSet fromCoco = reviewSet(out.resolve("val/reviews/review-002.json"));
        assertEquals(fromCoco.sampledVerdicts(), fromLabelStudio.sampledVerdicts(),
                "Label Studio's export and the ground truth give the same verdicts");
        Result calibrate = CliCapture.run("calibrate", "--run", val, "--review", "review-001", "--target-precision",
                Double.toString(TARGET), "--out", tmp.resolve("calibration.conf").toString());
        ok(calibrate);
        System.out.print(calibrate.out());
        CalibrationResult calibration = CalibrationJson.read(
                Files.readAllBytes(out.resolve("val/reviews/calibration-001.json")), "calibration-001.json");

        Path next = Files.writeString(tmp.resolve("next.conf"), "include file(\"" + ROOT.resolve("conf/quality-bench.conf")
                + "\")\ninclude file(\"" + tmp.resolve("calibration.conf") + "\")\n");
        ok(cli(next, "run", "--master", "local[2]", "--manifest", manifest(TEST).toString(), "--run-id", "test"));
        JsonNode runJson = JSON.readTree(out.resolve("test/run.json").toFile());
        String reviewSha = Sha256.ofBytes(Files.readAllBytes(out.resolve("val/reviews/review-001.json")));
        assertEquals(reviewSha, runJson.at("/calibration/review_set_sha256").asText());
        assertEquals(TARGET, runJson.at("/calibration/target_precision").asDouble(), 1e-6);
        for (ClassDecision d : calibration.decisions()) {
            String pass = d.key().source().wireName().equals("precise") ? "precision" : "open_vocab";
            String list = pass.equals("precision") ? "classes" : "labels";
            d.threshold().ifPresent(t -> assertEquals(t, runJson.at("/thresholds/" + pass + "/" + list + "/" + d.key().label())
                    .floatValue(), d.key().toString()));
        }

        // Repeat the test run from its run.json alone: same labeling config, same labels.
        ok(CliCapture.run("run", "--master", "local[2]", "--config", out.resolve("test/run.json").toString(),
                "--run-id", "replay"));
        JsonNode replayJson = JSON.readTree(out.resolve("replay/run.json").toFile());
        assertEquals(runJson.get("config_hash"), replayJson.get("config_hash"));
        assertEquals(runJson.get("thresholds"), replayJson.get("thresholds"));
        assertEquals(runJson.get("calibration"), replayJson.get("calibration"));
        List<LabeledImage> calibratedRun = rows(out, "test");
        assertEquals(labels(calibratedRun), labels(rows(out, "replay")));

        // The test set, judged: the calibrated thresholds against the best global thresholds.
        CocoGroundTruth testTruth = truth(TEST);
        AutolabelConfig explore = config(Map.of("precision.threshold", "0.3", "open-vocab.threshold", "0.2"), Path.of(".."
                + "/conf/quality-bench.conf"));
        BenchmarkLabels test = new BenchmarkLabels(explore, testTruth, TEST);
        AutolabelConfig calibrated = config(Map.of(), next);
        List<LabeledImage> inProcess = test.label(calibrated.precision().params(), calibrated.openVocab().orElseThrow().params());
        assertEquals(labels(inProcess), labels(calibratedRun), "the run writes what the thresholds select");
        LabelTruth measured = new LabelTruth(calibratedRun, testTruth);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%n%-20s %-10s %9s %-17s %6s %9s %-17s %7s%n",
                "pass/class", "decision", "threshold", "val estimate", "labels", "test P", "test 95% interval", "check"));
        for (ClassDecision d : calibration.decisions()) {
            LabelTruth.Counts c = measured.perClass().getOrDefault(d.key(), new LabelTruth.Counts(0, 0));
            String estimate = d.threshold().flatMap(t -> d.curve().at(t)).map(p -> String.format(Locale.ROOT,
                    "%.3f [%.3f,%.3f]", p.precision(), p.interval().lower(), p.interval().upper())).orElse("-");
            String check = "-";
            String interval = "-";
            if (c.total() > 0) {
                Interval i = IntervalMethod.WILSON.bounds(c.precision(), c.total(), 0.95);
                interval = String.format(Locale.ROOT, "[%.3f, %.3f]", i.lower(), i.upper());
                if (d.outcome() == ClassDecision.Outcome.CALIBRATED) {
                    boolean holds = c.precision() >= TARGET - i.halfWidth();
                    check = holds ? "ok" : "FAILS";
                    assertTrue(holds, d.key() + ": test precision " + c.precision() + " below " + TARGET + " - " + i.halfWidth());
                }
            }
            report.append(String.format(Locale.ROOT, "%-20s %-10s %9s %-17s %6d %9s %-17s %7s%n", d.key(),
                    calibration.switchesOff(d) ? "off" : d.outcome().name().toLowerCase(Locale.ROOT),
                    d.threshold().map(t -> String.format(Locale.ROOT, "%.2f", t)).orElse("-"), estimate, c.total(),
                    c.total() == 0 ? "-" : String.format(Locale.ROOT, "%.3f", c.precision()), interval, check));
        }
        report.append(String.format(Locale.ROOT, "recall per class (test):"));
        for (String label : List.of("circle", "square", "triangle", "star", "cross")) {
            report.append(String.format(Locale.ROOT, " %s %.3f", label, measured.recall(label)));
        }
        double precision = measured.precision();
        double recall = measured.recall();
        report.append(String.format(Locale.ROOT, "%ncalibrated run (test): %d labels, precision %.3f, recall %.3f%n",
                measured.labels(), precision, recall));
        Baseline one = best(test, testTruth, calibrated, precision, true);
        Baseline perPass = best(test, testTruth, calibrated, precision, false);
        Baseline base = measure(test, testTruth, calibrated, 0.7f, 0.5f, "conf/quality-bench.conf (0.70 / 0.50)");
        report.append(one).append(perPass).append(base);
        System.out.print(report);
        assertTrue(recall > one.recall, "per-class recall " + recall + " vs one global threshold " + one);
    }

    /** Overall precision and recall of a threshold setting on the test set. */
    record Baseline(String what, double precision, double recall, long labels) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d labels, precision %.3f, recall %.3f%n", what, labels, precision, recall);
        }
    }

    /**
     * The highest-recall global threshold reaching {@code precision}: one value for both passes ({@code same}), or
     * one per pass; pass 1 from 0.30, pass 2 from 0.20 (the floors of the cached detections), in steps of 0.01
     * (0.02 per pass for the pairs).
     */
    private static Baseline best(BenchmarkLabels test, CocoGroundTruth truth, AutolabelConfig base, double precision,
            boolean same) {
        Baseline best = new Baseline("no global threshold reaches it", 0, 0, 0);
        int step = same ? 1 : 2;
        for (int a = 30; a <= 99; a += step) {
            for (int b = same ? a : 20; b <= (same ? a : 99); b += step) {
                Baseline m = measure(test, truth, base, a / 100f, b / 100f, same
                        ? String.format(Locale.ROOT, "best single global threshold %.2f", a / 100f)
                        : String.format(Locale.ROOT, "best global threshold per pass %.2f / %.2f", a / 100f, b / 100f));
                if (m.precision >= precision && m.recall > best.recall) {
                    best = m;
                }
            }
        }
        return best;
    }

    private static Baseline measure(BenchmarkLabels test, CocoGroundTruth truth, AutolabelConfig base, float pass1,
            float pass2, String what) {
        PrecisionParams p = base.precision().params();
        OpenVocabParams o = base.openVocab().orElseThrow().params();
        LabelTruth t = new LabelTruth(test.label(new PrecisionParams(pass1, Map.of(), p.nmsIou(), p.minBoxSide(),
                p.maxAspectRatio()), new OpenVocabParams(pass2, Map.of(), o.nmsIou(), o.maxAreaFraction())), truth);
        return new Baseline(what, t.precision(), t.recall(), t.labels());
    }

    private List<LabeledImage> rows(Path out, String runId) throws IOException {
        List<LabeledImage> rows = new ArrayList<>();
        try (LocalBlobStore store = new LocalBlobStore(1 << 20);
                RunReader reader = new RunReader(store, new RunLayout(out.toString(), runId))) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** Each row's labels (label, pass, score, box), keyed by image URI. */
    private static Map<String, List<String>> labels(List<LabeledImage> rows) {
        Map<String, List<String>> out = new HashMap<>();
        for (LabeledImage r : rows) {
            out.put(Path.of(r.uri()).getFileName().toString(), r.detections().stream()
                    .map(d -> d.label() + "/" + d.source().wireName() + "/" + d.score() + "/" + d.box()).toList());
        }
        return out;
    }

    private static ReviewSet reviewSet(Path file) throws IOException {
        return ReviewJson.readSet(Files.readAllBytes(file), file.toString());
    }

    private static CocoGroundTruth truth(Path set) throws IOException {
        try (InputStream in = Files.newInputStream(set.resolve("instances.json"))) {
            return CocoGroundTruth.read(in, set + "/instances.json");
        }
    }

    private static AutolabelConfig config(Map<String, String> overrides, Path file) {
        Map<String, String> all = new HashMap<>(models());
        all.putAll(overrides);
        return ConfigLoader.load(file, all);
    }

    private static Map<String, String> models() {
        return Map.of("precision.model", QUALITY.resolve("shapes-yolo.onnx").toString(),
                "open-vocab.model", QUALITY.resolve("shapes-openvocab.onnx").toString(),
                "open-vocab.embeddings-file", QUALITY.resolve("shapes-embeddings.json").toString());
    }

    private Result cli(String... args) {
        return cli(ROOT.resolve("conf/quality-bench.conf"), args);
    }

    /** The command with a config, its model paths made absolute and its output under tmp. */
    private Result cli(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString(), "--output", tmp.resolve("out").toString()));
        models().forEach((k, v) -> all.addAll(List.of("--set", k + "=" + v)));
        return CliCapture.run(all.toArray(String[]::new));
    }

    private static void ok(Result r) {
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    /** A manifest of a scene set with absolute image paths (ids: the file stems). */
    private Path manifest(Path set) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (JsonNode image : JSON.readTree(set.resolve("instances.json").toFile()).get("images")) {
            Path file = set.resolve(image.get("file_name").asText());
            lines.append(JSON.writeValueAsString(JSON.createObjectNode()
                    .put("id", file.getFileName().toString().replace(".jpg", "")).put("uri", file.toString()))).append('\n');
        }
        return Files.writeString(tmp.resolve(set.getFileName() + "-manifest.jsonl"), lines);
    }
}
