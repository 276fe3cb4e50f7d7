package dev.autolabel.image;

/** How an image is fitted into a model's fixed input size. */
public enum ResizeMode {
    /** Keep aspect ratio, scale to fit, pad the rest (YOLO style, pad value configurable). */
    LETTERBOX,
    /** Scale each axis independently to fill the input (OWL-ViT style). */
    STRETCH
}
