package dev.autolabel.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.autolabel.image.DecodeLimits;
import dev.autolabel.image.DecoderChoice;
import dev.autolabel.image.DecoderSettings;
import dev.autolabel.image.ResizeMode;
import dev.autolabel.merge.MergeParams;
import dev.autolabel.merge.OpenVocabParams;
import dev.autolabel.merge.PrecisionParams;
import dev.autolabel.model.BoxFormat;
import dev.autolabel.model.DevicePreference;
import dev.autolabel.model.ExecutionSettings;
import dev.autolabel.model.GpuOptions;
import dev.autolabel.model.InputSettings;
import dev.autolabel.model.ModelFormat;
import dev.autolabel.model.ModelSpec;
import dev.autolabel.model.OpenVocabSpec;
import dev.autolabel.model.Pooling;
import dev.autolabel.model.Prompt;
import dev.autolabel.model.Sha256;
import dev.autolabel.model.TextEncoderSpec;
import dev.autolabel.storage.AllowedPrefixes;
import dev.autolabel.storage.OutputEncryption;
import dev.autolabel.storage.S3Settings;
import dev.autolabel.storage.StorageSettings;
import dev.autolabel.tiling.PassTiling;
import dev.autolabel.tiling.TilingSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.OptionalInt;

/** Turns a resolved, type-checked {@code autolabel} config into {@link AutolabelConfig}, checking ranges. */
final class AutolabelConfigParser {

    /** Keys whose values never leave the process (run summaries, logs, reports). */
    static final List<String> SECRET_KEYS = List.of("storage.s3.secret-access-key", "storage.s3.access-key-id");

    private AutolabelConfigParser() {
    }

    static AutolabelConfig parse(Config merged) {
        ConfigReader root = new ConfigReader(merged, "").at("autolabel");
        ConfigReader exec = root.at("execution");
        RunSettings run = run(root.at("run"));
        AutolabelConfig config = new AutolabelConfig(
                run,
                manifest(root.at("manifest")),
                storage(root.at("storage"), run.output()),
                new DecodeLimits(root.at("image").longAtLeast("max-pixels", 1)),
                new DecoderSettings(root.at("image").parsed("decoder", DecoderChoice::fromConfigName),
                        root.at("image").bool("dct-scaling")),
                new ExecutionSettings(exec.parsed("device", DevicePreference::fromConfigName),
                        exec.intInRange("device-id", 0, 1024), exec.intInRange("intra-op-threads", 0, 4096),
                        gpu(exec.at("gpu")), exec.intInRange("tasks-per-gpu", 1, 64)),
                exec.intInRange("batch-size", 1, 4096),
                new PipelineSettings(exec.intInRange("fetch-concurrency", 1, PipelineSettings.MAX_FETCH_CONCURRENCY),
                        exec.intInRange("decode-threads", 0, PipelineSettings.MAX_THREADS),
                        exec.intInRange("queue-capacity", 0, PipelineSettings.MAX_QUEUE)),
                precision(root.at("precision")),
                openVocab(root.at("open-vocab")),
                merge(root.at("merge")),
                calibration(root.at("calibration")),
                new PassTiling(tiling(root.at("precision").at("tiling")), root.at("open-vocab").bool("enabled")
                        ? tiling(root.at("open-vocab").at("tiling")) : TilingSettings.off()),
                labelingHash(merged.getConfig("autolabel")),
                redacted(merged.getConfig("autolabel")).root().render(ConfigRenderOptions.concise().setFormatted(true)));
        checkInputsAllowed(root, config);
        return config;
    }

    /** The storage settings alone, for readers of a run's output (no models or manifest required). */
    static StorageSettings storageOnly(Config merged) {
        ConfigReader root = new ConfigReader(merged, "").at("autolabel");
        return storage(root.at("storage"), root.at("run").requiredString("output", "the base location for shards"));
    }

    private static RunSettings run(ConfigReader r) {
        Optional<String> id = r.optionalString("id");
        String output = r.requiredString("output", "the base location for shards");
        int imagesPerShard = r.intInRange("images-per-shard", 1, 10_000_000);
        Optional<String> since = r.optionalString("since");
        try {
            since.ifPresent(RunSettings::checkRunId);
        } catch (IllegalArgumentException e) {
            throw r.invalid("since", e.getMessage());
        }
        if (since.isPresent() && since.equals(id)) {
            throw r.invalid("since", "names the run itself ('" + since.get() + "'): it must be an earlier run");
        }
        FailurePolicy failures = new FailurePolicy(r.floatInRange("max-failure-ratio", 0f, 1f),
                r.longAtLeast("min-images-for-failure-ratio", 1));
        try {
            return new RunSettings(id, output, imagesPerShard, r.positiveDuration("progress-interval"), since, failures);
        } catch (IllegalArgumentException e) {
            throw r.invalid("id", e.getMessage());
        }
    }

    private static GpuOptions gpu(ConfigReader r) {
        return new GpuOptions(r.parsed("cudnn-conv-algo-search", GpuOptions.CudnnAlgoSearch::fromConfigName),
                r.bytesAtLeast("memory-limit", 0), r.parsed("arena-extend-strategy", GpuOptions.ArenaExtendStrategy::fromConfigName),
                r.bool("tensorrt"), r.bool("tensorrt-fp16"), r.optionalString("tensorrt-engine-cache"));
    }

    private static ManifestSettings manifest(ConfigReader r) {
        String format = r.string("format");
        List<String> formats = List.of("jsonl", "csv", "uris", "parquet", "orc", "listing", "auto");
        if (!formats.contains(format)) {
            throw r.invalid("format", "must be one of " + String.join(", ", formats) + "; got '" + format + "'");
        }
        List<String> suffixes = r.stringList("listing-suffixes");
        if (suffixes.isEmpty() || suffixes.stream().anyMatch(String::isBlank)) {
            throw r.invalid("listing-suffixes", "must name at least one non-blank ending, e.g. [\".jpg\", \".png\"]");
        }
        return new ManifestSettings(r.optionalString("uri"), format, r.requiredString("uri-field", "names the URI field"),
                r.requiredString("id-field", "names the id field"), suffixes);
    }

    private static StorageSettings storage(ConfigReader r, String output) {
        ConfigReader s3 = r.at("s3");
        Optional<URI> endpoint = s3.optionalString("endpoint").map(e -> {
            URI uri = URI.create(e);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw s3.invalid("endpoint", "must be an absolute http(s) URL, got '" + e + "'");
            }
            return uri;
        });
        Optional<String> key = s3.optionalString("access-key-id");
        Optional<String> secret = s3.optionalString("secret-access-key");
        if (key.isPresent() != secret.isPresent()) {
            throw s3.invalid("access-key-id", "and secret-access-key must be set together (or both left empty)");
        }
        S3Settings settings = new S3Settings(endpoint, s3.requiredString("region", "signs requests"), s3.bool("path-style"),
                key, secret, s3.intInRange("max-attempts", 1, 100), s3.positiveDuration("api-call-timeout"),
                s3.positiveDuration("attempt-timeout"), encryption(s3));
        return new StorageSettings(r.bytesAtLeast("max-object-bytes", 1), settings, allowedPrefixes(r, output));
    }

    private static OutputEncryption encryption(ConfigReader s3) {
        Optional<String> algorithm = s3.optionalString("server-side-encryption");
        if (algorithm.isPresent() && !OutputEncryption.ALGORITHMS.contains(algorithm.get())) {
            throw s3.invalid("server-side-encryption", "must be one of " + OutputEncryption.ALGORITHMS
                    + " or empty, got '" + algorithm.get() + "'");
        }
        Optional<String> kmsKey = s3.optionalString("kms-key-id");
        if (kmsKey.isPresent() && !algorithm.equals(Optional.of("aws:kms"))) {
            throw s3.invalid("kms-key-id", "needs storage.s3.server-side-encryption = \"aws:kms\"");
        }
        return new OutputEncryption(algorithm, kmsKey);
    }

    /** The configured prefixes plus the run's own output, which a run always reads back (markers, --since). */
    private static AllowedPrefixes allowedPrefixes(ConfigReader r, String output) {
        try {
            return AllowedPrefixes.of(r.stringList("allowed-prefixes")).plus(output);
        } catch (IllegalArgumentException e) {
            throw r.invalid("allowed-prefixes", e.getMessage());
        }
    }

    /** Inputs named in the config outside storage.allowed-prefixes stop the run before anything is read. */
    private static void checkInputsAllowed(ConfigReader root, AutolabelConfig config) {
        AllowedPrefixes allowed = config.storage().allowedPrefixes();
        config.manifest().uri().ifPresent(uri -> requireAllowed(root.at("manifest"), "uri", uri, allowed));
        requireAllowed(root.at("precision"), "model", config.precision().model().location(), allowed);
        config.precision().model().hfConfig().ifPresent(c -> requireAllowed(root.at("precision"), "hf-config", c, allowed));
        config.openVocab().ifPresent(ov -> {
            requireAllowed(root.at("open-vocab"), "model", ov.model().location(), allowed);
            ov.model().hfConfig().ifPresent(c -> requireAllowed(root.at("open-vocab"), "hf-config", c, allowed));
            ov.io().tokenizer().ifPresent(t -> requireAllowed(root.at("open-vocab"), "tokenizer", t, allowed));
            ov.embeddingsFile().ifPresent(file -> requireAllowed(root.at("open-vocab"), "embeddings-file", file, allowed));
            ov.textEncoder().ifPresent(encoder -> {
                requireAllowed(root.at("open-vocab").at("text-encoder"), "model", encoder.model(), allowed);
                requireAllowed(root.at("open-vocab").at("text-encoder"), "tokenizer", encoder.tokenizer(), allowed);
            });
        });
    }

    private static void requireAllowed(ConfigReader r, String key, String uri, AllowedPrefixes allowed) {
        if (!allowed.allows(uri)) {
            throw r.invalid(key, "'" + uri + "' is outside storage.allowed-prefixes " + allowed);
        }
    }

    private static PrecisionSettings precision(ConfigReader r) {
        ModelFormat format = r.parsed("format", ModelFormat::fromConfigName);
        if (format.takesPrompts()) {
            throw r.invalid("format", "must be auto or a closed-set format (yolo, yolov5, end2end, rtdetr, hf-detr,"
                    + " torchvision) for the precision pass; '" + format + "' is open-vocabulary");
        }
        ConfigReader qa = r.at("qa");
        float maxAspect = qa.floatInRange("max-aspect-ratio", 0f, Float.MAX_VALUE);
        if (maxAspect != 0f && maxAspect < 1f) {
            throw qa.invalid("max-aspect-ratio", "must be 0 (off) or at least 1, got " + maxAspect);
        }
        PrecisionParams params = new PrecisionParams(r.floatInRange("threshold", 0f, 1f),
                r.floatMap("class-thresholds", 0f, 1f), r.floatInRange("nms-iou", 0f, 1f),
                qa.floatInRange("min-box-side", 0f, Float.MAX_VALUE), maxAspect, qa.bool("flip-consistency"),
                qa.floatInRange("flip-iou", 0f, 1f), nameSet(r, "disabled-classes"));
        return new PrecisionSettings(model(r, format, r.stringList("class-names"), r.optionalString("output")), params);
    }

    private static Optional<OpenVocabSettings> openVocab(ConfigReader r) {
        if (!r.bool("enabled")) {
            return Optional.empty();
        }
        ModelFormat format = r.parsed("format", ModelFormat::fromConfigName);
        List<Prompt> prompts = new ArrayList<>();
        Map<String, Float> thresholds = new LinkedHashMap<>(r.floatMap("label-thresholds", 0f, 1f));
        readPrompts(r, prompts, thresholds);
        if (prompts.isEmpty()) {
            throw r.invalid("prompts", "must list at least one prompt when open-vocab.enabled = true");
        }
        String logits = r.string("logits");
        if (!logits.equals("raw") && !logits.equals("probability")) {
            throw r.invalid("logits", "must be raw or probability, got '" + logits + "'");
        }
        OpenVocabSpec io = new OpenVocabSpec(r.optionalString("text-input"), r.optionalString("boxes-output"),
                r.optionalString("logits-output"), r.parsed("box-format", BoxFormat::fromConfigName), logits.equals("raw"),
                r.optionalString("tokenizer"));
        float maxArea = r.floatInRange("max-area-fraction", 0f, 1f);
        if (maxArea == 0f) {
            throw r.invalid("max-area-fraction", "must be above 0");
        }
        OpenVocabParams params = new OpenVocabParams(r.floatInRange("threshold", 0f, 1f), thresholds,
                r.floatInRange("nms-iou", 0f, 1f), maxArea, nameSet(r, "disabled-labels"));
        Optional<String> file = r.optionalString("embeddings-file");
        ConfigReader encoder = r.at("text-encoder");
        Optional<String> encoderModel = encoder.optionalString("model");
        if (file.isPresent() && encoderModel.isPresent()) {
            throw r.invalid("embeddings-file", "and open-vocab.text-encoder.model are both set; set at most one source of"
                    + " text embeddings");
        }
        return Optional.of(new OpenVocabSettings(model(r, format, List.of(), Optional.empty()), io, file,
                encoderModel.map(m -> textEncoder(encoder, m)), prompts, params));
    }

    private static TextEncoderSpec textEncoder(ConfigReader r, String model) {
        String tokenizer = r.requiredString("tokenizer", "the tokenizer.json that goes with text-encoder.model");
        String ids = r.requiredString("input-ids", "names the token-id input of the text encoder");
        Pooling pooling = r.parsed("pooling", Pooling::fromConfigName);
        return new TextEncoderSpec(model, pinnedSha(r), tokenizer, ids, r.optionalString("attention-mask"),
                r.optionalString("output"), pooling, r.bool("normalize"), r.intInRange("max-length", 1, 1_000_000),
                r.longAtLeast("pad-id", 0));
    }

    /** The keys of an object entry of open-vocab.prompts. */
    private static final List<String> PROMPT_KEYS = List.of("label", "texts", "threshold", "ensemble");

    /**
     * Prompt entries are strings (label = text) or {label, texts, threshold?, ensemble?} objects: each text its own
     * query, or with ensemble = true one query whose embedding averages the texts'.
     */
    private static void readPrompts(ConfigReader r, List<Prompt> prompts, Map<String, Float> thresholds) {
        List<? extends ConfigValue> entries = r.list("prompts");
        for (int i = 0; i < entries.size(); i++) {
            ConfigValue v = entries.get(i);
            String where = "prompts[" + i + "]";
            if (v.valueType() == ConfigValueType.STRING) {
                String text = ((String) v.unwrapped()).strip();
                if (text.isEmpty()) {
                    throw r.invalid("prompts", "entry " + i + " is an empty string");
                }
                prompts.add(new Prompt(text, text));
            } else if (v.valueType() == ConfigValueType.OBJECT) {
                ConfigReader entry = r.forObject(where, ((ConfigObject) v).toConfig());
                ConfigObject object = (ConfigObject) v;
                List<String> unknown = object.keySet().stream().filter(k -> !PROMPT_KEYS.contains(k)).sorted().toList();
                if (!unknown.isEmpty()) {
                    throw r.invalid("prompts", "entry " + i + " has unknown key(s) " + unknown + "; an entry takes "
                            + PROMPT_KEYS);
                }
                String label = entry.requiredString("label", "the label given to its detections");
                List<String> texts = entry.stringList("texts").stream().map(String::strip).toList();
                if (texts.isEmpty() || texts.stream().anyMatch(String::isBlank)) {
                    throw r.invalid("prompts", "entry " + i + " (" + label + ") needs non-empty texts");
                }
                if (object.containsKey("ensemble") && entry.bool("ensemble")) {
                    prompts.add(new Prompt(label, texts));
                } else {
                    texts.forEach(t -> prompts.add(new Prompt(label, t)));
                }
                if (((ConfigObject) v).containsKey("threshold")) {
                    thresholds.put(label, entry.floatInRange("threshold", 0f, 1f));
                }
            } else {
                throw r.invalid("prompts", "entry " + i + " must be a string or {label, texts} object, got "
                        + v.valueType().name().toLowerCase());
            }
        }
    }

    private static ModelSpec model(ConfigReader r, ModelFormat format, List<String> classNames, Optional<String> output) {
        String location = r.requiredString("model", "path or URI of the ONNX model");
        return new ModelSpec(location, format, pinnedSha(r), input(r.at("input")), classNames,
                r.optionalString("image-input"), output, r.optionalString("hf-config"));
    }

    private static Optional<String> pinnedSha(ConfigReader r) {
        Optional<String> sha = r.optionalString("sha256");
        if (sha.isPresent() && !sha.get().matches("[0-9a-fA-F]{64}")) {
            throw r.invalid("sha256", "must be 64 hex digits (or empty), got '" + sha.get() + "'");
        }
        return sha;
    }

    /** Input settings; "auto", -1 and empty lists leave the choice to the export family. */
    private static InputSettings input(ConfigReader r) {
        Optional<ResizeMode> resize = r.parsed("resize", v -> switch (v) {
            case "auto" -> Optional.<ResizeMode>empty();
            case "letterbox" -> Optional.of(ResizeMode.LETTERBOX);
            case "stretch" -> Optional.of(ResizeMode.STRETCH);
            case "pad-square" -> Optional.of(ResizeMode.PAD_SQUARE);
            case "short-side" -> Optional.of(ResizeMode.SHORT_SIDE);
            case "original" -> Optional.of(ResizeMode.ORIGINAL);
            default -> throw new IllegalArgumentException("must be auto, letterbox, stretch, pad-square, short-side or"
                    + " original, got '" + v + "'");
        });
        Optional<Boolean> bgr = r.parsed("channel-order", v -> switch (v) {
            case "auto" -> Optional.<Boolean>empty();
            case "rgb" -> Optional.of(false);
            case "bgr" -> Optional.of(true);
            default -> throw new IllegalArgumentException("must be auto, rgb or bgr, got '" + v + "'");
        });
        int pad = r.intInRange("pad-value", -1, 255);
        Optional<float[]> mean = optionalTriple(r, "mean");
        Optional<float[]> std = optionalTriple(r, "std");
        for (float s : std.orElse(new float[] {1f})) {
            if (!(s > 0f)) {
                throw r.invalid("std", "values must be above 0");
            }
        }
        return new InputSettings(r.intInRange("width", 0, 8192), r.intInRange("height", 0, 8192),
                r.intInRange("fallback-size", 1, 8192), resize, pad < 0 ? OptionalInt.empty() : OptionalInt.of(pad), bgr,
                mean, std);
    }

    /** An empty list: the family's; else exactly three values (R, G, B). */
    private static Optional<float[]> optionalTriple(ConfigReader r, String key) {
        return r.list(key).isEmpty() ? Optional.empty() : Optional.of(r.floatTriple(key));
    }

    private static CalibrationSettings calibration(ConfigReader r) {
        double target = r.floatInRange("target-precision", 0f, 1f);
        try {
            return new CalibrationSettings(r.optionalString("reviewed-run"), r.optionalString("review-set"),
                    r.optionalString("review-set-sha256"), target == 0 ? OptionalDouble.empty() : OptionalDouble.of(target));
        } catch (IllegalArgumentException e) {
            throw r.invalid("review-set-sha256", e.getMessage());
        }
    }

    /** A list of class or label names (blank entries refused). */
    private static Set<String> nameSet(ConfigReader r, String key) {
        List<String> names = r.stringList(key).stream().map(String::strip).toList();
        if (names.stream().anyMatch(String::isBlank)) {
            throw r.invalid(key, "must not contain empty names");
        }
        return new TreeSet<>(names);
    }

    private static TilingSettings tiling(ConfigReader r) {
        int size = r.intInRange("size", 0, TilingSettings.MAX_SIZE);
        if (size != 0 && size < TilingSettings.MIN_SIZE) {
            throw r.invalid("size", "must be 0 (the model's input size) or at least " + TilingSettings.MIN_SIZE
                    + " pixels, got " + size);
        }
        return new TilingSettings(r.bool("enabled"), size, r.floatInRange("overlap", 0f, TilingSettings.MAX_OVERLAP),
                r.bool("include-full-image"), r.intInRange("min-image-size", 0, Integer.MAX_VALUE),
                r.bool("class-agnostic"));
    }

    private static MergeParams merge(ConfigReader r) {
        return new MergeParams(r.floatInRange("iou", 0f, 1f), r.floatInRange("coverage", 0f, 1f), r.bool("enrich"),
                r.floatInRange("enrich-iou", 0f, 1f), r.stringMap("label-map"));
    }

    /** Hash of what changes labels; run identity, locations, credentials and batch size do not. */
    private static String labelingHash(Config autolabel) {
        Config relevant = autolabel.withOnlyPath("precision")
                .withFallback(autolabel.withOnlyPath("open-vocab"))
                .withFallback(autolabel.withOnlyPath("merge"))
                .withFallback(autolabel.withOnlyPath("image"));
        String canonical = relevant.root().render(ConfigRenderOptions.concise());
        return Sha256.ofBytes(canonical.getBytes(StandardCharsets.UTF_8));
    }

    private static Config redacted(Config autolabel) {
        Config out = autolabel;
        for (String key : SECRET_KEYS) {
            if (out.hasPath(key) && !out.getString(key).isEmpty()) {
                out = out.withValue(key, ConfigValueFactory.fromAnyRef("***redacted***"));
            }
        }
        return out;
    }
}
