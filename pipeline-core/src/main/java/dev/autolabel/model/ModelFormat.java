package dev.autolabel.model;

/** Export formats the adapters understand (DESIGN.md §3). */
public enum ModelFormat {
    /** Ultralytics YOLOv8/YOLO11: [N,4+C,A] raw candidates; NMS is ours. */
    YOLO("yolo"),
    /** Final boxes [N,K,6] = x1,y1,x2,y2,score,class; no NMS needed. */
    END2END("end2end"),
    /** Images plus text embeddings [Q,D] in; boxes [N,P,4] and logits [N,P,Q] out (OWL-ViT, YOLO-World style). */
    OPEN_VOCAB("open-vocab");

    private final String configName;

    ModelFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static ModelFormat fromConfigName(String name) {
        for (ModelFormat f : values()) {
            if (f.configName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown model format '" + name + "' (expected yolo, end2end or open-vocab)");
    }
}
