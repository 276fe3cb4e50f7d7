package dev.autolabel.model;

import dev.autolabel.image.InputSpec;
import dev.autolabel.image.ResizeMode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link Detector} from an open session and its spec: recognises the export family (or checks the configured
 * one against the graph), resolves class names, preprocessing and tensor names, and picks the family's decoder.
 * Every mismatch is a {@link ModelException} whose message is one line naming the model, the tensor and the fix.
 */
public final class Detectors {

    private static final Pattern IMGSZ = Pattern.compile("(\\d+)(?:\\s*,\\s*(\\d+))?");
    /** Hugging Face model types whose heads score with a softmax over classes plus "no object". */
    private static final Set<String> SOFTMAX_DETR = Set.of("detr", "yolos", "table-transformer");
    /** Hugging Face model types whose processor stretches to 640x640 without mean/std. */
    private static final Set<String> STRETCH_DETR = Set.of("rt_detr", "rt_detr_v2", "d_fine");

    private Detectors() {
    }

    /** A pass-1 detector, with no Hugging Face config. */
    public static Detector closedSet(ModelSession session, ModelSpec spec, float candidateThreshold, int batchSize) {
        return build(session, spec, PassModel.precision(Optional.empty()), candidateThreshold, batchSize);
    }

    /** A pass-2 detector conditioned on the run's text embeddings (the embeddings-in families). */
    public static Detector openVocab(ModelSession session, ModelSpec spec, OpenVocabSpec ov, TextEmbeddings embeddings,
            float candidateThreshold, int batchSize) {
        PassModel ctx = new PassModel(Pass.OPEN_VOCAB, Optional.empty(), embeddings.prompts(), Optional.empty(),
                Optional.of(embeddings), ov);
        return build(session, spec, ctx, candidateThreshold, batchSize);
    }

    /** The family {@code spec} resolves to on this session's graph (what {@code format = auto} would pick). */
    public static ModelFormat recognise(ModelSession session, ModelSpec spec, PassModel ctx) {
        ModelSignature sig = session.signature();
        int known = classNames(spec, sig, ctx).size();
        return new ExportRecognizer(sig, known > 0 ? known : -1, ctx.hfConfig()).resolve(spec.format(), ctx.pass(),
                spec.location());
    }

    public static Detector build(ModelSession session, ModelSpec spec, PassModel ctx, float threshold, int batchSize) {
        ModelFormat format = recognise(session, spec, ctx);
        if (ctx.pass() == Pass.PRECISION && format.takesPrompts()) {
            throw new ModelException("precision model " + spec.location() + " is an open-vocabulary export (" + format
                    + "); the precision pass needs a closed-set detector: move it to open-vocab.model");
        }
        ModelSignature sig = session.signature();
        ClassNames names = classNames(spec, sig, ctx);
        DetectorAdapter adapter = adapter(format, spec, sig, ctx, names, threshold);
        if (ctx.pass() == Pass.OPEN_VOCAB && !format.takesPrompts()) {
            if (names.size() == 0) {
                throw new ModelException("open-vocab model " + spec.location() + " is a closed-set export (" + format
                        + ") without class names: its classes must be named (metadata, open-vocab.hf-config) to match"
                        + " the prompts");
            }
            adapter = new BakedClassesAdapter(adapter, names, ctx.prompts());
        }
        long fixed = sig.input(adapter.imageInputName()).filter(t -> t.rank() == 4).map(t -> t.dim(0)).orElse(-1L);
        return fixed > 0 ? new Detector(session, adapter, (int) fixed, true) : new Detector(session, adapter, batchSize, false);
    }

    private static DetectorAdapter adapter(ModelFormat format, ModelSpec spec, ModelSignature sig, PassModel ctx,
            ClassNames names, float threshold) {
        return switch (format) {
            case YOLO, YOLOV5, END2END, RTDETR -> ultralytics(format, spec, sig, names, threshold);
            case HF_DETR -> hfDetr(spec, sig, ctx, names, threshold);
            case TORCHVISION -> torchvision(spec, sig, names, threshold);
            case OPEN_VOCAB, YOLO_WORLD -> embeddingsIn(format, spec, sig, ctx, threshold);
            case OWLVIT, OWLV2 -> owl(format, spec, sig, ctx, threshold);
            case GROUNDING_DINO -> groundingDino(spec, sig, ctx, threshold);
            case AUTO -> throw new IllegalStateException("auto is resolved before a decoder is chosen");
        };
    }

    private static DetectorAdapter ultralytics(ModelFormat format, ModelSpec spec, ModelSignature sig, ClassNames names,
            float threshold) {
        TensorSpec image = imageInput(spec, sig);
        int[] size = imgsz(sig).orElse(new int[] {spec.input().fallbackSize(), spec.input().fallbackSize()});
        ResizeMode fit = format == ModelFormat.RTDETR ? ResizeMode.STRETCH : ResizeMode.LETTERBOX;
        InputSpec input = spec.input().resolve(image, Preprocessing.unit(size[1], size[0], fit, 114));
        String output = spec.output().orElse(sig.outputs().get(0).name());
        return switch (format) {
            case YOLO -> new YoloAdapter(input, image.name(), output, names, threshold);
            case YOLOV5 -> new Yolov5Adapter(input, image.name(), output, names, threshold);
            case END2END -> new End2EndAdapter(input, image.name(), output, names, threshold);
            default -> new RtDetrAdapter(input, image.name(), output, names, threshold);
        };
    }

    private static DetectorAdapter hfDetr(ModelSpec spec, ModelSignature sig, PassModel ctx, ClassNames names,
            float threshold) {
        TensorSpec image = sig.input("pixel_values").orElseThrow();
        TensorSpec logits = sig.output("logits").orElseThrow();
        String type = ctx.hfConfig().map(HfConfig::modelType).filter(t -> !t.isEmpty()).orElse("");
        boolean softmax;
        if (!type.isEmpty()) {
            softmax = SOFTMAX_DETR.contains(type);
        } else if (names.size() > 0 && logits.dim(2) > 0) {
            if (logits.dim(2) != names.size() && logits.dim(2) != names.size() + 1) {
                throw new ModelException(ctx.pass().configKey() + " model " + spec.location() + ": output "
                        + logits.describe() + " has " + logits.dim(2) + " classes but " + names.size()
                        + " class names are given; give the export's config.json as " + ctx.pass().configKey() + ".hf-config");
            }
            softmax = logits.dim(2) == names.size() + 1;
        } else {
            throw new ModelException(ctx.pass().configKey() + " model " + spec.location() + " is a Hugging Face DETR-family"
                    + " export (pixel_values -> logits, pred_boxes) but neither its config.json nor class names are given:"
                    + " set " + ctx.pass().configKey() + ".hf-config (the export's config.json) or .class-names");
        }
        // Without config.json: optimum declares RT-DETR's channel axis fixed (3), the ViT-based configs' dynamic.
        boolean stretch = STRETCH_DETR.contains(type) || (type.isEmpty() && image.dim(1) == 3);
        InputSpec family = stretch ? Preprocessing.unit(640, 640, ResizeMode.STRETCH, 0)
                : new InputSpec(1333, 800, ResizeMode.SHORT_SIDE, 0, false, Preprocessing.IMAGENET_MEAN, Preprocessing.IMAGENET_STD);
        InputSpec input = spec.input().resolve(image, fixedSizeStretch(image, family));
        return new HfDetrAdapter(input, image.name(), logits.name(), "pred_boxes", names, softmax,
                type.isEmpty() ? (softmax ? "DETR-style" : "sigmoid DETR-style") : type, threshold);
    }

    private static DetectorAdapter torchvision(ModelSpec spec, ModelSignature sig, ClassNames names, float threshold) {
        TensorSpec image = sig.inputs().get(0);
        TensorSpec boxes = sig.outputs().stream().filter(t -> t.rank() == 2 && t.isFloat() && t.dim(1) == 4).findFirst()
                .orElseThrow();
        TensorSpec labels = sig.outputs().stream().filter(t -> t.rank() == 1 && t.isInteger()).findFirst().orElseThrow();
        TensorSpec scores = sig.outputs().stream().filter(t -> t.rank() == 1 && t.isFloat()).findFirst().orElseThrow();
        InputSpec input = spec.input().resolve(image, fixedSizeStretch(image, Preprocessing.unit(1, 1, ResizeMode.ORIGINAL, 0)));
        return new TorchvisionAdapter(input, image.name(), boxes.name(), labels.name(), scores.name(), names, threshold);
    }

    private static DetectorAdapter embeddingsIn(ModelFormat format, ModelSpec spec, ModelSignature sig, PassModel ctx,
            float threshold) {
        TextEmbeddings embeddings = ctx.embeddings().orElseThrow(() -> new ModelException("open-vocab model "
                + spec.location() + " (" + format + ") takes text embeddings: set open-vocab.text-encoder.model and"
                + " .tokenizer (computed once per run), or open-vocab.embeddings-file"));
        TensorSpec image = spec.imageInput().flatMap(sig::input)
                .orElseGet(() -> sig.inputs().stream().filter(t -> t.rank() == 4).findFirst().orElseThrow());
        OpenVocabSpec io = ctx.io();
        TensorSpec text = io.textInput().map(n -> sig.input(n).orElseThrow(() -> new ModelException("open-vocab model "
                + spec.location() + " has no input '" + n + "' (open-vocab.text-input); it has " + sig.inputNames())))
                .orElseGet(() -> sig.inputs().stream().filter(t -> !t.name().equals(image.name())).findFirst().orElseThrow());
        if (format == ModelFormat.YOLO_WORLD) {
            InputSpec input = spec.input().resolve(image, Preprocessing.unit(640, 640, ResizeMode.LETTERBOX, 114));
            return new OpenVocabAdapter("yolo-world", input, image.name(), text, embeddings, "boxes", "scores",
                    BoxFormat.XYXY_PIXELS, false, threshold);
        }
        List<String> outputs = sig.outputs().stream().map(TensorSpec::name).toList();
        String boxes = io.boxesOutput().orElseGet(() -> sig.outputs().stream().filter(t -> t.rank() == 3 && t.dim(2) == 4)
                .findFirst().map(TensorSpec::name).orElse(outputs.get(0)));
        String logits = io.logitsOutput().orElseGet(() -> sig.outputs().stream()
                .filter(t -> t.rank() == 3 && !t.name().equals(boxes)).findFirst().map(TensorSpec::name)
                .orElseThrow(() -> new ModelException("open-vocab model " + spec.location() + " has no logits output")));
        InputSpec family = owlFamily(ctx.hfConfig(), image).orElse(
                Preprocessing.unit(spec.input().fallbackSize(), spec.input().fallbackSize(), ResizeMode.LETTERBOX, 114));
        return new OpenVocabAdapter("open-vocab", spec.input().resolve(image, family), image.name(), text, embeddings,
                boxes, logits, io.boxFormat(), io.logitsAreRaw(), threshold);
    }

    private static DetectorAdapter owl(ModelFormat format, ModelSpec spec, ModelSignature sig, PassModel ctx,
            float threshold) {
        PromptTokenizer tokenizer = tokenizer(format, spec, ctx);
        TensorSpec image = sig.input("pixel_values").orElseThrow();
        InputSpec family = owlSpec(format == ModelFormat.OWLV2, ctx.hfConfig(), image);
        return new OwlAdapter(format.configName(), spec.input().resolve(image, family), image.name(), "input_ids",
                sig.input("attention_mask").map(TensorSpec::name), "logits", "pred_boxes", ctx.prompts(), tokenizer, 0,
                threshold);
    }

    private static DetectorAdapter groundingDino(ModelSpec spec, ModelSignature sig, PassModel ctx, float threshold) {
        PromptTokenizer tokenizer = tokenizer(ModelFormat.GROUNDING_DINO, spec, ctx);
        TensorSpec image = sig.inputNamed("img", "pixel_values").orElseThrow();
        InputSpec family = new InputSpec(1333, 800, ResizeMode.SHORT_SIDE, 0, false, Preprocessing.IMAGENET_MEAN,
                Preprocessing.IMAGENET_STD);
        String boxes = sig.outputNamed("boxes", "pred_boxes").orElseThrow().name();
        return new GroundingDinoAdapter(spec.input().resolve(image, fixedSizeStretch(image, family)), sig, image, "logits",
                boxes, ctx.prompts(), tokenizer, threshold);
    }

    private static PromptTokenizer tokenizer(ModelFormat format, ModelSpec spec, PassModel ctx) {
        return ctx.tokenizer().orElseThrow(() -> new ModelException("open-vocab model " + spec.location() + " (" + format
                + ") takes token ids: set open-vocab.tokenizer to the model's tokenizer.json (the export writes it next"
                + " to the model)"));
    }

    /** OWL-ViT: stretch to 768 (or the config's size); OWLv2: pad to square (grey 0.5) and resize to 960. */
    private static InputSpec owlSpec(boolean v2, Optional<HfConfig> hf, TensorSpec image) {
        int size = hf.flatMap(HfConfig::imageSizeIfStated).orElse(image.dim(2) > 0 ? (int) image.dim(2) : v2 ? 960 : 768);
        return new InputSpec(size, size, v2 ? ResizeMode.PAD_SQUARE : ResizeMode.STRETCH, 128, false,
                Preprocessing.CLIP_MEAN, Preprocessing.CLIP_STD);
    }

    /** An embeddings-in model whose config.json says OWL-ViT or OWLv2 (a split export) is prepared as OWL is. */
    private static Optional<InputSpec> owlFamily(Optional<HfConfig> hf, TensorSpec image) {
        return hf.map(HfConfig::modelType).filter(t -> t.equals("owlvit") || t.equals("owlv2"))
                .map(t -> owlSpec(t.equals("owlv2"), hf, image));
    }

    /** A variable-size family whose export fixed its height and width is stretched to them. */
    private static InputSpec fixedSizeStretch(TensorSpec image, InputSpec family) {
        int r = image.rank();
        long h = image.dim(r - 2);
        long w = image.dim(r - 1);
        if (family.resizeMode().variableSize() && h > 0 && w > 0) {
            return new InputSpec((int) w, (int) h, ResizeMode.STRETCH, family.padValue(), family.bgr(), family.mean(),
                    family.std());
        }
        return family;
    }

    private static TensorSpec imageInput(ModelSpec spec, ModelSignature sig) {
        String name = spec.imageInput().orElse(sig.inputs().get(0).name());
        return sig.input(name).orElseThrow(() -> new ModelException("model " + spec.location() + " has no input '" + name
                + "'; it has " + sig.inputNames()));
    }

    /** Ultralytics' {@code imgsz} metadata ({@code [640, 640]} or {@code 640}) as {height, width}. */
    static Optional<int[]> imgsz(ModelSignature sig) {
        String v = sig.metadata().get("imgsz");
        if (v == null) {
            return Optional.empty();
        }
        Matcher m = IMGSZ.matcher(v);
        if (!m.find()) {
            return Optional.empty();
        }
        int h = Integer.parseInt(m.group(1));
        int w = m.group(2) != null ? Integer.parseInt(m.group(2)) : h;
        return Optional.of(new int[] {h, w});
    }

    /** Configured names, else Ultralytics' {@code names} metadata, else config.json's id2label. */
    static ClassNames classNames(ModelSpec spec, ModelSignature sig, PassModel ctx) {
        ClassNames fromModel = ClassNames.resolve(spec.classNames(), sig.metadata());
        if (fromModel.size() > 0) {
            return fromModel;
        }
        return ClassNames.resolve(ctx.hfConfig().map(HfConfig::id2label).orElse(List.of()), java.util.Map.of());
    }
}
