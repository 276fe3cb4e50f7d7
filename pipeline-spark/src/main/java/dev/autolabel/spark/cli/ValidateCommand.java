package dev.autolabel.spark.cli;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.labeling.EmbeddingsLoader;
import dev.autolabel.labeling.ModelCheck;
import dev.autolabel.labeling.ModelLocator;
import dev.autolabel.manifest.ManifestFormat;
import dev.autolabel.manifest.ManifestReader;
import dev.autolabel.manifest.ManifestRow;
import dev.autolabel.manifest.Manifests;
import dev.autolabel.model.ModelSession;
import dev.autolabel.model.ModelSpec;
import dev.autolabel.model.TextEncoderSpec;
import dev.autolabel.spark.input.HadoopS3;
import dev.autolabel.spark.input.ManifestSource;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code autolabel validate}: check a config, its models, embeddings and manifest without labeling anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the config, open each model (printing SHA-256, inputs and outputs with dtype and shape,"
                + " execution provider), recognise its export family and build its decoder, run it once on a synthetic"
                + " image (printing the first boxes and the preprocessing), read the embeddings and the first manifest"
                + " rows. Exits 2 with one line naming the model, the tensor and the fix on any problem.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "5", description = "Manifest rows to show (default ${DEFAULT-VALUE}).")
    int rows;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        AutolabelConfig config = ConfigLoader.load(options.config, options.overrides());
        out.println("config: " + options.config + " (labeling config hash " + config.labelingConfigHash() + ")");
        try (BlobStore store = BlobStores.create(config.storage())) {
            ModelLocator locator = new ModelLocator(store);
            ModelCheck.Result check = ModelCheck.run(config, store, config.execution());
            for (ModelCheck.PassReport pass : check.passes()) {
                ModelSpec spec = pass.pass().equals("precision") ? config.precision().model()
                        : config.openVocab().orElseThrow().model();
                describe(out, pass, spec);
            }
            config.openVocab().flatMap(ov -> ov.textEncoder()).ifPresent(te -> describeEncoder(out, te, locator));
            check.embeddings().ifPresent(text -> out.printf("embeddings: %d prompts x %d dims from %s%n",
                    text.prompts().size(), text.dim(), config.openVocab().get().embeddingsSource()));
            showManifest(out, store, config);
        }
        out.println("OK");
        return 0;
    }

    /** The model, what it was recognised as, its tensors and the trial run's first boxes. */
    private static void describe(PrintStream out, ModelCheck.PassReport pass, ModelSpec spec) {
        ModelSession s = pass.session();
        out.printf("%s model: %s (format %s)%n  sha256:   %s%s%n  provider: %s%n", pass.pass(), spec.location(),
                spec.format().configName(), s.sha256(), spec.pinnedSha256().isPresent() ? " (pinned, matches)" : "",
                s.provider());
        s.signature().inputs().forEach(t -> out.println("  input:    " + t.describe()));
        s.signature().outputs().forEach(t -> out.println("  output:   " + t.describe()));
        out.println("  decoder:  " + pass.detector().adapter().describe());
        out.printf("  trial run on 640x480 and 480x640 synthetic images: %d detection(s) in the first%s%n", pass.trial().size(),
                pass.detector().degenerateDropped() > 0 ? ", " + pass.detector().degenerateDropped()
                        + " degenerate box(es) dropped" : "");
        pass.trial().stream().sorted((a, b) -> Float.compare(b.score(), a.score())).limit(3).forEach(d -> out.printf(
                "    %s %.3f at (%.1f, %.1f, %.1f, %.1f)%n", d.label(), d.score(), d.box().x1(), d.box().y1(),
                d.box().x2(), d.box().y2()));
    }

    private static void describeEncoder(PrintStream out, TextEncoderSpec spec, ModelLocator locator) {
        ModelSession s = EmbeddingsLoader.encoderSession(locator, spec);
        out.printf("text encoder: %s%n  sha256:   %s%s%n  provider: %s%n  inputs:   %s%n  outputs:  %s%n"
                + "  tokenizer: %s (pooling %s, %s, max %d tokens)%n", spec.model(), s.sha256(),
                spec.pinnedSha256().isPresent() ? " (pinned, matches)" : "", s.provider(), shapes(s.inputShapes()),
                shapes(s.outputShapes()), spec.tokenizer(), spec.pooling().configName(),
                spec.normalize() ? "L2-normalised" : "not normalised", spec.maxLength());
    }

    private void showManifest(PrintStream out, BlobStore store, AutolabelConfig config) throws Exception {
        out.println("manifest: " + config.manifest().uri().orElse("(none)"));
        Configuration hadoop = new Configuration();
        HadoopS3.apply(hadoop, config.storage().s3());
        ManifestSource source = ManifestSource.resolve(config.manifest(), hadoop);
        if (!source.singleFile() || !(source.format().isLineBased() || source.format() == ManifestFormat.CSV)) {
            // Folders, globs, prefixes, Parquet/ORC and listings are read by Spark's readers when the run starts.
            out.printf("  %s, read by Spark when the run starts (first file: %s)%n", source.format().configName(),
                    source.firstFile());
            return;
        }
        try (ManifestReader reader = Manifests.open(store, config.manifest())) {
            for (int i = 0; i < rows && reader.hasNext(); i++) {
                ManifestRow row = reader.next();
                out.println("  " + row);
            }
        }
    }

    private static String shapes(Map<String, long[]> shapes) {
        StringBuilder b = new StringBuilder();
        shapes.forEach((name, shape) -> b.append(b.length() == 0 ? "" : ", ").append(name).append(Arrays.toString(shape)));
        return b.toString();
    }
}
