package dev.autolabel.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Tells the export family of a model from its graph alone (DESIGN.md section 3): input and output names, element
 * types, ranks, fixed dimensions and metadata (Ultralytics' {@code names}, {@code task}, {@code description},
 * {@code args}), plus the class count where config or metadata knows it and a Hugging Face {@code config.json}'s
 * {@code model_type} where one is given. {@code format = "auto"} takes the single family that fits; none or several
 * is an error that says what to set. An explicit format that the graph contradicts is an error too, never a guess.
 */
public final class ExportRecognizer {

    private final ModelSignature sig;
    private final int classCount;
    private final Optional<HfConfig> hf;

    /**
     * @param classCount classes the model is known to have (config, metadata or config.json), or -1 if unknown
     */
    public ExportRecognizer(ModelSignature sig, int classCount, Optional<HfConfig> hf) {
        this.sig = sig;
        this.classCount = classCount;
        this.hf = hf;
    }

    /** The family to decode with, or a {@link ModelException} whose one line names the model, the tensor and the fix. */
    public ModelFormat resolve(ModelFormat requested, Pass pass, String model) {
        String key = pass.configKey() + ".format";
        List<ModelFormat> fitting = candidates(false);
        if (requested != ModelFormat.AUTO) {
            Optional<String> misfit = misfit(requested, true);
            if (misfit.isPresent()) {
                throw new ModelException(key + " = \"" + requested + "\" does not fit " + pass.configKey() + " model " + model
                        + ": " + misfit.get() + "; " + (fitting.isEmpty() ? "the graph matches no known export ("
                        + sig.describe() + ")" : "the graph looks like " + names(fitting) + ": set " + key
                        + " = \"auto\""));
            }
            return requested;
        }
        if (fitting.size() == 1) {
            return fitting.get(0);
        }
        Optional<TensorSpec> unfeedable = sig.inputs().stream().filter(t -> (t.rank() == 4 || t.rank() == 3) && !t.isFloat()
                && !t.isInteger() && t.type() != ai.onnxruntime.OnnxJavaType.BOOL).findFirst();
        if (fitting.isEmpty() && unfeedable.isPresent()) {
            throw new ModelException(pass.configKey() + " model " + model + ": its image input " + unfeedable.get().describe()
                    + " is neither float32 nor float16, the image tensors autolabel feeds; export the model with a float"
                    + " input (ONNX Runtime does not convert inputs)");
        }
        if (fitting.isEmpty()) {
            throw new ModelException(pass.configKey() + " model " + model + " is not an export autolabel recognises ("
                    + sig.describe() + "); see docs/models.md for the supported exports, or set " + key
                    + " to one of " + ModelFormat.allNames().replace("auto, ", "") + (classCount < 0
                    && pass == Pass.PRECISION ? ", or give precision.class-names (the class count tells layouts apart)" : ""));
        }
        throw new ModelException(pass.configKey() + " model " + model + " could be " + names(fitting)
                + " (the graph alone cannot tell them apart); set " + key + " = \"" + fitting.get(0) + "\" (or one of the"
                + " others)" + (fitting.contains(ModelFormat.OWLVIT) ? ", or give " + pass.configKey()
                + ".hf-config = the export's config.json" : "") + (classCount < 0 && pass == Pass.PRECISION
                ? ", or give precision.class-names" : ""));
    }

    /** Families that fit the graph; {@code explicit} also admits layouts auto never picks (transposed YOLO). */
    public List<ModelFormat> candidates(boolean explicit) {
        List<ModelFormat> out = new ArrayList<>();
        for (ModelFormat f : ModelFormat.values()) {
            if (f != ModelFormat.AUTO && misfit(f, explicit).isEmpty()) {
                out.add(f);
            }
        }
        return out;
    }

    /** Why {@code format} does not fit the graph, or empty when it does. */
    public Optional<String> misfit(ModelFormat format, boolean explicit) {
        return switch (format) {
            case AUTO -> Optional.empty();
            case YOLO -> yolo(explicit);
            case YOLOV5 -> yolov5();
            case END2END -> end2end(explicit);
            case RTDETR -> rtdetr(explicit);
            case HF_DETR -> hfDetr();
            case TORCHVISION -> torchvision();
            case OPEN_VOCAB -> embeddingsIn(false);
            case YOLO_WORLD -> embeddingsIn(true);
            case OWLVIT, OWLV2 -> owl(format);
            case GROUNDING_DINO -> groundingDino();
        };
    }

    // ---- closed-set families with one image input and one output ------------------------------------------------

    private Optional<String> singleImageSingleOutput() {
        if (sig.inputs().size() != 1 || sig.inputs().get(0).rank() != 4 || !sig.inputs().get(0).isFloat()) {
            return Optional.of("it needs one float image input [N, 3, H, W], the model has " + inputsText());
        }
        if (sig.outputs().size() != 1 || sig.outputs().get(0).rank() != 3) {
            return Optional.of("it needs one rank-3 output, the model has " + outputsText());
        }
        return Optional.empty();
    }

    private Optional<String> yolo(boolean explicit) {
        Optional<String> base = singleImageSingleOutput();
        if (base.isPresent()) {
            return base;
        }
        if (isUltralyticsRtDetr() || isUltralyticsEnd2End()) {
            return Optional.of("its metadata says " + (isUltralyticsRtDetr() ? "RT-DETR" : "end-to-end (nms=True/YOLOv10)"));
        }
        TensorSpec out = sig.outputs().get(0);
        long channels = out.dim(1);
        long anchors = out.dim(2);
        if (channels < 0 && (explicit || sig.metadata().containsKey("task"))) {
            return Optional.empty(); // dynamic output axes: the format or the Ultralytics metadata says it; decode checks
        }
        if (classCount > 0) {
            if (channels == 4 + classCount) {
                return Optional.empty();
            }
            if (explicit && anchors == 4 + classCount) {
                return Optional.empty(); // transposed [N, A, 4+C]: accepted when asked for
            }
            return Optional.of("output " + out.describe() + " is not [N, 4+C, A] for " + classCount + " class names"
                    + " (class-names or the model's names metadata must list every class the model has)");
        }
        if (channels >= 5 && (anchors < 0 || channels < anchors)) {
            return Optional.empty();
        }
        if (explicit && anchors >= 5 && channels > anchors) {
            return Optional.empty();
        }
        return Optional.of("output " + out.describe() + " is not [N, 4+C, A]");
    }

    private Optional<String> yolov5() {
        Optional<String> base = singleImageSingleOutput();
        if (base.isPresent()) {
            return base;
        }
        if (sig.metadata().containsKey("task")) {
            return Optional.of("its metadata is the Ultralytics 8+ exporter's (YOLOv8/11 layout, no objectness)");
        }
        TensorSpec out = sig.outputs().get(0);
        if (classCount > 0) {
            return out.dim(2) == 5 + classCount ? Optional.empty()
                    : Optional.of("output " + out.describe() + " is not [N, A, 5+C] for " + classCount + " classes");
        }
        // Without a class count [N, A, 5+C] cannot be told from a transposed [N, A, 4+C]: one class apart.
        return Optional.of("without class names (metadata or class-names), output " + out.describe()
                + " could be [N, A, 5+C] or [N, A, 4+C]");
    }

    private Optional<String> end2end(boolean explicit) {
        Optional<String> base = singleImageSingleOutput();
        if (base.isPresent()) {
            return base;
        }
        TensorSpec out = sig.outputs().get(0);
        if (isUltralyticsRtDetr()) {
            return Optional.of("its metadata says RT-DETR");
        }
        if (!explicit && out.dim(1) > 1000) {
            return Optional.of("output " + out.describe() + " is a grid of anchors, not a list of final boxes");
        }
        if (out.dim(2) == 6 || (explicit && out.dim(2) > 6)) {
            return Optional.empty();
        }
        return Optional.of("output " + out.describe() + " is not [N, K, 6] (x1, y1, x2, y2, score, class)");
    }

    private Optional<String> rtdetr(boolean explicit) {
        Optional<String> base = singleImageSingleOutput();
        if (base.isPresent()) {
            return base;
        }
        TensorSpec out = sig.outputs().get(0);
        if (isUltralyticsEnd2End()) {
            return Optional.of("its metadata says end-to-end (nms=True/YOLOv10)");
        }
        boolean layout = classCount > 0 ? out.dim(2) == 4 + classCount : out.dim(2) >= 5;
        if (!layout) {
            return Optional.of("output " + out.describe() + " is not [N, Q, 4+C]" + (classCount > 0 ? " for "
                    + classCount + " classes" : ""));
        }
        if (isUltralyticsRtDetr() || explicit) {
            return Optional.empty();
        }
        if (sig.metadata().containsKey("task")) {
            return Optional.of("its Ultralytics metadata does not say RT-DETR");
        }
        // No metadata: a query count fits RT-DETR (300), an anchor grid (8400) a transposed YOLO output.
        return out.dim(1) > 0 && out.dim(1) <= 1000 && classCount > 0 ? Optional.empty()
                : Optional.of("without Ultralytics metadata, output " + out.describe() + " could be a transposed YOLO output");
    }

    private boolean isUltralyticsRtDetr() {
        String d = sig.metadata().getOrDefault("description", "").toLowerCase(Locale.ROOT);
        return d.contains("rtdetr") || d.contains("rt-detr");
    }

    private boolean isUltralyticsEnd2End() {
        String args = sig.metadata().getOrDefault("args", "").replace(" ", "");
        String d = sig.metadata().getOrDefault("description", "").toLowerCase(Locale.ROOT);
        return args.contains("'nms':True") || d.contains("yolov10") || "True".equals(sig.metadata().get("end2end"));
    }

    // ---- Hugging Face DETR family and torchvision ---------------------------------------------------------------

    private Optional<String> hfDetr() {
        Optional<TensorSpec> pixels = sig.input("pixel_values");
        if (pixels.isEmpty() || pixels.get().rank() != 4) {
            return Optional.of("it has no pixel_values [N, 3, H, W] input (inputs: " + inputsText() + ")");
        }
        if (sig.inputs().stream().anyMatch(t -> !t.name().equals("pixel_values") && !t.name().equals("pixel_mask"))) {
            return Optional.of("it takes more than images (inputs: " + inputsText() + ")");
        }
        Optional<TensorSpec> logits = sig.output("logits");
        Optional<TensorSpec> boxes = sig.output("pred_boxes");
        if (logits.isEmpty() || boxes.isEmpty() || logits.get().rank() != 3 || boxes.get().rank() != 3) {
            return Optional.of("it needs logits [N, Q, K] and pred_boxes [N, Q, 4] outputs (outputs: " + outputsText() + ")");
        }
        return Optional.empty();
    }

    private Optional<String> torchvision() {
        if (sig.inputs().size() != 1 || sig.inputs().get(0).rank() != 3 || !sig.inputs().get(0).isFloat()) {
            return Optional.of("it needs one float image input [3, H, W], the model has " + inputsText());
        }
        boolean boxes = sig.outputs().stream().anyMatch(t -> t.rank() == 2 && t.isFloat() && t.dim(1) == 4);
        boolean labels = sig.outputs().stream().anyMatch(t -> t.rank() == 1 && t.isInteger());
        boolean scores = sig.outputs().stream().anyMatch(t -> t.rank() == 1 && t.isFloat());
        return boxes && labels && scores ? Optional.empty()
                : Optional.of("it needs boxes [K, 4], int64 labels [K] and scores [K] outputs (outputs: " + outputsText() + ")");
    }

    // ---- open-vocabulary families --------------------------------------------------------------------------------

    private Optional<String> embeddingsIn(boolean yoloWorld) {
        List<TensorSpec> images = sig.inputs().stream().filter(t -> t.rank() == 4 && t.isFloat()).toList();
        List<TensorSpec> texts = sig.inputs().stream().filter(t -> (t.rank() == 2 || t.rank() == 3) && t.isFloat()).toList();
        if (sig.inputs().size() != 2 || images.size() != 1 || texts.size() != 1) {
            return Optional.of("it needs a float image input and a float text-embedding input [Q, D] or [1, Q, D], the"
                    + " model has " + inputsText());
        }
        if (sig.outputs().size() < 2 || sig.outputs().stream().noneMatch(t -> t.rank() == 3 && t.dim(2) == 4)) {
            return Optional.of("it needs boxes [N, P, 4] and scores [N, P, Q] outputs (outputs: " + outputsText() + ")");
        }
        boolean yoloWorldNames = texts.get(0).name().matches("(?i)text_?feat(ure)?s|txt_?feats")
                && sig.output("scores").isPresent() && sig.output("boxes").isPresent();
        if (yoloWorld && !yoloWorldNames) {
            return Optional.of("YOLO-World's inputs are images and text_features, its outputs scores and boxes (model: "
                    + inputsText() + "; " + outputsText() + ")");
        }
        if (!yoloWorld && yoloWorldNames) {
            return Optional.of("its tensors are named as YOLO-World's (images, text_features -> scores, boxes)");
        }
        return Optional.empty();
    }

    private Optional<String> owl(ModelFormat variant) {
        Optional<TensorSpec> ids = sig.input("input_ids");
        if (ids.isEmpty() || !ids.get().isInteger() || sig.input("pixel_values").isEmpty()) {
            return Optional.of("it needs input_ids (int64) and pixel_values inputs (inputs: " + inputsText() + ")");
        }
        if (sig.input("token_type_ids").isPresent()) {
            return Optional.of("it has token_type_ids, a BERT text input (Grounding DINO), not OWL's CLIP text model");
        }
        if (sig.output("logits").isEmpty() || sig.output("pred_boxes").isEmpty()) {
            return Optional.of("it needs logits and pred_boxes outputs (outputs: " + outputsText() + ")");
        }
        if (hf.isPresent() && !hf.get().modelType().isEmpty()) {
            String type = hf.get().modelType();
            return type.equals(variant.configName()) ? Optional.empty()
                    : Optional.of("its config.json says model_type " + type);
        }
        if (variant == ModelFormat.OWLVIT && sig.output("objectness_logits").isPresent()) {
            return Optional.of("it has an objectness_logits output, which only OWLv2 has");
        }
        return Optional.empty();
    }

    private Optional<String> groundingDino() {
        if (sig.input("input_ids").isEmpty() || sig.input("token_type_ids").isEmpty()) {
            return Optional.of("it needs input_ids and token_type_ids inputs (inputs: " + inputsText() + ")");
        }
        if (sig.inputNamed("img", "pixel_values").isEmpty()) {
            return Optional.of("it needs an img or pixel_values image input (inputs: " + inputsText() + ")");
        }
        Optional<TensorSpec> logits = sig.output("logits");
        if (logits.isEmpty() || logits.get().rank() != 3 || sig.outputNamed("boxes", "pred_boxes").isEmpty()) {
            return Optional.of("it needs per-token logits [N, Q, 256] and boxes outputs (outputs: " + outputsText() + ")");
        }
        return Optional.empty();
    }

    private String inputsText() {
        return sig.inputs().stream().map(TensorSpec::describe).collect(Collectors.joining(", "));
    }

    private String outputsText() {
        return sig.outputs().stream().map(TensorSpec::describe).collect(Collectors.joining(", "));
    }

    private static String names(List<ModelFormat> formats) {
        return formats.stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(" or "));
    }
}
