package dev.autolabel.spark.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.model.Prompt;
import dev.autolabel.quality.CocoGroundTruth;
import dev.autolabel.quality.PromptTrial;
import dev.autolabel.quality.PromptTuner;
import dev.autolabel.spark.CliCapture;
import dev.autolabel.spark.CliCapture.Result;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.LocalBlobStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when of issue 13: `autolabel tune-prompts` on the benchmark's validation set (seed 7) with the candidates of
 * conf/quality-bench-prompts.conf picks a prompt set whose recall at the target precision is at least that of the
 * hand-written prompts (conf/quality-bench.conf's class names): on the validation set it tuned on, and on the
 * held-out test set. Recall at precision P of a class: the lowest threshold whose measured precision reaches P, its
 * recall (the open-vocabulary pass alone); of a prompt set: objects found that way over all objects. Prints the table.
 */
class PromptTuningBenchmarkTest {

    static final double TARGET = 0.95;
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path QUALITY = ROOT.resolve("pipeline-core/src/test/resources/quality");

    @TempDir
    Path tmp;

    @Test
    void tunedPromptsRecallAtLeastAsMuchAsTheHandWrittenOnes() throws Exception {
        Path tuned = tmp.resolve("prompts.conf");
        Result r = CliCapture.run(args("tune-prompts", "--ground-truth", QUALITY.resolve("valset/instances.json").toString(),
                "--candidates", ROOT.resolve("conf/quality-bench-prompts.conf").toString(), "--target-precision",
                Double.toString(TARGET), "--out", tuned.toString(), "--table", tmp.resolve("table.md").toString()));
        assertEquals(0, r.exitCode(), r.err());
        System.out.print(r.out());

        AutolabelConfig base = config(Map.of());
        Path next = Files.writeString(tmp.resolve("tuned.conf"), "include file(\"" + ROOT.resolve("conf/quality-bench-encoder.conf")
                + "\")\ninclude file(\"" + tuned + "\")\n");
        AutolabelConfig tunedConfig = ConfigLoader.load(next, paths());
        assertEquals(5, tunedConfig.openVocab().orElseThrow().prompts().size(), "one prompt per class");
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%n%-9s %-34s %-8s %-22s %-22s%n", "class", "tuned prompt", "set", "hand-written R@P", "tuned R@P"));
        double[] totals = new double[4]; // found by hand-written and tuned, on validation and test
        long[] objects = new long[2];
        int column = 0;
        for (String set : List.of("valset", "testset")) {
            Map<String, PromptTrial[]> pairs = trials(base, tunedConfig, set);
            for (Map.Entry<String, PromptTrial[]> e : pairs.entrySet()) {
                PromptTrial hand = e.getValue()[0];
                PromptTrial tunedTrial = e.getValue()[1];
                totals[column] += hand.recallAtTarget(TARGET) * hand.objects();
                totals[column + 1] += tunedTrial.recallAtTarget(TARGET) * tunedTrial.objects();
                objects[column / 2] += hand.objects();
                table.append(String.format(Locale.ROOT, "%-9s %-34s %-8s %-22s %-22s%n", e.getKey(), tunedTrial.prompt().text(),
                        set.replace("set", ""), describe(hand), describe(tunedTrial)));
            }
            column += 2;
        }
        for (int s = 0; s < 2; s++) {
            table.append(String.format(Locale.ROOT, "%s: prompt-set recall at precision %.2f: hand-written %.3f, tuned %.3f%n",
                    s == 0 ? "validation (tuned on)" : "test (held out)", TARGET, totals[2 * s] / objects[s],
                    totals[2 * s + 1] / objects[s]));
        }
        System.out.print(table);
        assertTrue(totals[1] >= totals[0], "validation: " + table);
        assertTrue(totals[3] >= totals[2], "test: " + table);
    }

    private static String describe(PromptTrial t) {
        return t.atTarget(TARGET, dev.autolabel.calibration.IntervalMethod.WILSON, 0.95)
                .map(p -> String.format(Locale.ROOT, "%.3f at %.2f", p.recall().orElse(0), p.threshold()))
                .orElse("0 (never at P)");
    }

    /** Per class, {hand-written trial, tuned trial} on a scene set. */
    private static Map<String, PromptTrial[]> trials(AutolabelConfig base, AutolabelConfig tuned, String set) throws Exception {
        Map<String, List<Prompt>> candidates = new LinkedHashMap<>();
        tuned.openVocab().orElseThrow().prompts().forEach(p -> candidates.put(p.label(), List.of(p)));
        Map<String, List<Prompt>> hand = new HashMap<>();
        base.openVocab().orElseThrow().prompts().forEach(p -> hand.put(p.label(), List.of(p)));
        CocoGroundTruth truth;
        try (InputStream in = Files.newInputStream(QUALITY.resolve(set).resolve("instances.json"))) {
            truth = CocoGroundTruth.read(in, set);
        }
        List<PromptTrial> trials;
        try (BlobStore store = new LocalBlobStore(1 << 24)) {
            trials = new PromptTuner(store, new ImageIoDecoder(base.image()), base.openVocab().orElseThrow(),
                    base.execution(), 16).run(candidates, hand, truth, QUALITY.resolve(set).toString(), 0.05f);
        }
        Map<String, PromptTrial[]> pairs = new LinkedHashMap<>();
        for (PromptTrial t : trials) {
            PromptTrial[] pair = pairs.computeIfAbsent(t.prompt().label(), k -> new PromptTrial[2]);
            if (t.handWritten()) {
                pair[0] = t;
            }
            if (t.prompt().equals(candidates.get(t.prompt().label()).get(0))) {
                pair[1] = t;
            }
        }
        return pairs;
    }

    private static AutolabelConfig config(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(paths());
        all.putAll(extra);
        return ConfigLoader.load(ROOT.resolve("conf/quality-bench-encoder.conf"), all);
    }

    private static Map<String, String> paths() {
        return Map.of("precision.model", QUALITY.resolve("shapes-yolo.onnx").toString(),
                "open-vocab.model", QUALITY.resolve("shapes-openvocab.onnx").toString(),
                "open-vocab.text-encoder.model", QUALITY.resolve("shapes-text-encoder.onnx").toString(),
                "open-vocab.text-encoder.tokenizer", QUALITY.resolve("shapes-tokenizer.json").toString());
    }

    private String[] args(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", ROOT.resolve("conf/quality-bench-encoder.conf").toString(),
                "--output", tmp.resolve("out").toString()));
        paths().forEach((k, v) -> all.addAll(List.of("--set", k + "=" + v)));
        return all.toArray(String[]::new);
    }
}
