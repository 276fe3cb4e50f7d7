package dev.autolabel.spark.cli;

import dev.autolabel.calibration.CurvePoint;
import dev.autolabel.calibration.IntervalMethod;
import dev.autolabel.calibration.PromptCandidates;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.config.OpenVocabSettings;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.model.Prompt;
import dev.autolabel.quality.CocoGroundTruth;
import dev.autolabel.quality.PromptTrial;
import dev.autolabel.quality.PromptTuner;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code autolabel tune-prompts}: per class the prompt (or ensemble) and threshold with most recall at a target precision. */
@Command(name = "tune-prompts", mixinStandardHelpOptions = true,
        description = "Run the open-vocabulary pass with every candidate prompt and prompt ensemble of each class (and the "
                + "config's own prompts) on a labeled set, pick per class the candidate whose recall is highest at "
                + "--target-precision (threshold: the lowest whose measured precision reaches it), and write the "
                + "prompts and thresholds as a config file to include, plus a table.")
final class TunePromptsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--ground-truth", required = true, paramLabel = "COCO_JSON",
            description = "COCO instances JSON of the labeled set (its category names are the classes).")
    String groundTruth;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Folder or URI prefix of the file_name entries (default: the folder of the ground truth).")
    String images;

    @Option(names = "--candidates", required = true, paramLabel = "FILE",
            description = "HOCON/JSON: class = [\"prompt\", [\"phrasing 1\", \"phrasing 2\"] (an ensemble), ...].")
    Path candidates;

    @Mixin
    TargetOptions targetOptions;

    @Option(names = "--floor", paramLabel = "S", defaultValue = "0.05",
            description = "Lowest score considered (default ${DEFAULT-VALUE}).")
    float floor;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The prompts config file to write.")
    Path out;

    @Option(names = "--table", paramLabel = "FILE", description = "Also write the table (Markdown) to this file.")
    Path table;

    @Override
    public Integer call() throws Exception {
        AutolabelConfig config = ConfigLoader.load(options.config, options.overrides());
        OpenVocabSettings ov = config.openVocab().orElseThrow(
                () -> new IllegalArgumentException("open-vocab.enabled is false in " + options.config + ": nothing to tune"));
        Map<String, List<Prompt>> tried = PromptCandidates.parse(Files.readString(candidates), candidates.toString());
        Map<String, List<Prompt>> handWritten = new LinkedHashMap<>();
        ov.prompts().forEach(p -> handWritten.computeIfAbsent(p.label(), k -> new ArrayList<>()).add(p));
        IntervalMethod method = targetOptions.method();
        double target = targetOptions.target();
        List<PromptTrial> trials;
        try (BlobStore store = BlobStores.create(config.storage())) {
            CocoGroundTruth truth = EvalCommand.readTruth(store, groundTruth);
            trials = new PromptTuner(store, new ImageIoDecoder(config.image()), ov, config.execution(), config.batchSize())
                    .run(tried, handWritten, truth, images != null ? images : EvalCommand.parentOf(groundTruth), floor);
        }
        Map<String, PromptTrial> chosen = choose(trials, target);
        String markdown = table(trials, chosen, method);
        System.out.print(markdown);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, configFile(ov, chosen, method), StandardCharsets.UTF_8);
        if (table != null) {
            Files.createDirectories(table.toAbsolutePath().getParent());
            Files.writeString(table, markdown, StandardCharsets.UTF_8);
        }
        System.out.println("[autolabel] prompts config (include it last): " + out);
        return 0;
    }

    /** Per class the candidate with most recall at the target; ties go to the config's prompt, then file order. */
    static Map<String, PromptTrial> choose(List<PromptTrial> trials, double target) {
        Map<String, PromptTrial> best = new LinkedHashMap<>();
        for (PromptTrial t : trials) {
            PromptTrial current = best.get(t.prompt().label());
            if (current == null || t.recallAtTarget(target) > current.recallAtTarget(target)) {
                best.put(t.prompt().label(), t);
            }
        }
        best.values().removeIf(t -> t.recallAtTarget(target) == 0);
        return best;
    }

    private Optional<CurvePoint> at(PromptTrial t, IntervalMethod method) {
        return t.atTarget(targetOptions.target(), method, targetOptions.confidence);
    }

    private String table(List<PromptTrial> trials, Map<String, PromptTrial> chosen, IntervalMethod method) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Recall at precision %.3f on %s (threshold: the "
                + "lowest whose precision reaches it; %s %.0f%% interval)%n%n", targetOptions.target(), groundTruth,
                method.cliName(), 100 * targetOptions.confidence));
        b.append("| class | candidate | texts | threshold | precision [interval] | recall | chosen |\n");
        b.append("|---|---|---:|---:|---|---:|---|\n");
        List<PromptTrial> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparing((PromptTrial t) -> t.prompt().label()));
        for (PromptTrial t : sorted) {
            Optional<CurvePoint> at = at(t, method);
            b.append(String.format(Locale.ROOT, "| %s | %s%s | %d | %s | %s | %.3f | %s |%n", t.prompt().label(),
                    t.prompt().text(), t.handWritten() ? " (config)" : "", t.prompt().texts().size(),
                    at.map(p -> String.format(Locale.ROOT, "%.2f", p.threshold())).orElse("-"),
                    at.map(p -> String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", p.precision(), p.interval().lower(),
                            p.interval().upper())).orElse("does not reach the target"),
                    t.recallAtTarget(targetOptions.target()), chosen.get(t.prompt().label()) == t ? "yes" : ""));
        }
        return b.toString();
    }

    /** open-vocab.prompts with each tuned class's chosen prompt, other classes' prompts as configured, and thresholds. */
    private String configFile(OpenVocabSettings ov, Map<String, PromptTrial> chosen, IntervalMethod method) {
        List<String> lines = new ArrayList<>(List.of("# Written by `autolabel tune-prompts` from " + groundTruth + " and "
                + candidates + ": per class the prompt with most recall at precision " + targetOptions.target() + ".",
                "# Include it at the END of the run config (later keys win): its prompts replace the configured list.",
                "autolabel.open-vocab {", "  prompts = ["));
        List<String> done = new ArrayList<>();
        for (Prompt p : ov.prompts()) {
            PromptTrial tuned = chosen.get(p.label());
            if (tuned == null) {
                lines.add("    " + entry(p));
            } else if (!done.contains(p.label())) {
                done.add(p.label());
                lines.add("    " + entry(tuned.prompt()));
            }
        }
        chosen.forEach((label, t) -> {
            if (!done.contains(label)) {
                lines.add("    " + entry(t.prompt()));
            }
        });
        lines.add("  ]");
        lines.add("  label-thresholds {");
        chosen.forEach((label, t) -> lines.add("    " + quoted(label) + " = "
                + String.format(Locale.ROOT, "%.2f", at(t, method).orElseThrow().threshold())));
        lines.add("  }");
        lines.add("}");
        return String.join("\n", lines) + "\n";
    }

    private static String entry(Prompt p) {
        return "{ label = " + quoted(p.label()) + ", texts = [" + String.join(", ", p.texts().stream()
                .map(TunePromptsCommand::quoted).toList()) + "]" + (p.isEnsemble() ? ", ensemble = true" : "") + " }";
    }

    private static String quoted(String s) {
        return com.typesafe.config.ConfigValueFactory.fromAnyRef(s).render();
    }

}
