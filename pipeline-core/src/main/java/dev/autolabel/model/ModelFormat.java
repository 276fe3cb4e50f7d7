package dev.autolabel.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Export families the decoders understand (DESIGN.md section 3; docs/models.md has each one's export command). */
public enum ModelFormat {
    /** Recognise the family from the graph: inputs, outputs, dtypes, shapes and metadata. */
    AUTO("auto", false),
    /** Ultralytics YOLOv8/YOLO11/YOLO-World (classes baked in): [N,4+C,A] raw candidates; NMS is ours. */
    YOLO("yolo", false),
    /** YOLOv5/YOLOv7: [N,A,5+C] with objectness; score = objectness x class. */
    YOLOV5("yolov5", false),
    /** Final boxes [N,K,6] = x1,y1,x2,y2,score,class (nms=True exports, YOLOv10). */
    END2END("end2end", false),
    /** Ultralytics RT-DETR: [N,Q,4+C], normalised cx,cy,w,h, sigmoided scores, stretched input. */
    RTDETR("rtdetr", false),
    /** Hugging Face / optimum DETR family: pixel_values in, logits + pred_boxes out. */
    HF_DETR("hf-detr", false),
    /** torchvision detection models: one image [3,H,W] in; boxes, labels, scores out. */
    TORCHVISION("torchvision", false),
    /** Images plus text embeddings computed once per run ([Q,D] or [1,Q,D]); boxes + logits out (split exports). */
    OPEN_VOCAB("open-vocab", true),
    /** OWL-ViT single-model export: input_ids, pixel_values, attention_mask in; logits, pred_boxes out. */
    OWLVIT("owlvit", true),
    /** OWLv2 single-model export: as OWL-ViT, pad-to-square input. */
    OWLV2("owlv2", true),
    /** YOLO-World with a text-feature input [1,C,D]: scores [N,A,C] and boxes [N,A,4] out. */
    YOLO_WORLD("yolo-world", true),
    /** Grounding DINO: image plus caption tokens in; per-token logits [N,900,256] and boxes out. */
    GROUNDING_DINO("grounding-dino", true);

    private final String configName;
    private final boolean takesPrompts;

    ModelFormat(String configName, boolean takesPrompts) {
        this.configName = configName;
        this.takesPrompts = takesPrompts;
    }

    public String configName() {
        return configName;
    }

    /** Whether the model is conditioned on text (open-vocabulary); closed-set exports detect fixed classes. */
    public boolean takesPrompts() {
        return takesPrompts;
    }

    public static ModelFormat fromConfigName(String name) {
        for (ModelFormat f : values()) {
            if (f.configName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown model format '" + name + "' (expected " + allNames() + ")");
    }

    static String allNames() {
        return Arrays.stream(values()).map(ModelFormat::configName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return configName;
    }
}
