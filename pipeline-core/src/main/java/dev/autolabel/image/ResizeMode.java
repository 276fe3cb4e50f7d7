package dev.autolabel.image;

/** How an image is fitted into a model's input, as the exporting project prepares its images. */
public enum ResizeMode {
    /** Keep aspect ratio, scale to fit, pad both sides evenly (YOLO style, pad value configurable). */
    LETTERBOX,
    /** Scale each axis independently to fill the input (OWL-ViT, RT-DETR style). */
    STRETCH,
    /** Keep aspect ratio, scale the long side to the input, pad right and bottom (OWLv2's pad-to-square). */
    PAD_SQUARE,
    /**
     * Keep aspect ratio, short side to the spec's height unless the long side would pass the spec's width
     * (DETR's shortest edge 800, longest 1333); no padding: each image keeps its own size and a batch is padded
     * to its largest member.
     */
    SHORT_SIDE,
    /** The image as it is (torchvision detection exports resize inside the graph). */
    ORIGINAL;

    /** Whether inputs differ in size from image to image (SHORT_SIDE, ORIGINAL): no fixed input plane. */
    public boolean variableSize() {
        return this == SHORT_SIDE || this == ORIGINAL;
    }
}
