package dev.autolabel.model;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.InputSpec;
import java.util.List;
import java.util.Map;

/**
 * The decoder of one export family, in the manner of DJL's Translator: how images must be prepared
 * ({@link #inputSpec}), what else the graph is fed with every batch (token ids, masks, text embeddings) and how
 * raw outputs become detections in original-image pixels. Model execution itself (session, tensors, batching,
 * float16 conversion) is {@link Detector}'s job. Implementations are immutable and thread-safe.
 */
public interface DetectorAdapter {

    /** Size, fit and normalisation the model expects. */
    InputSpec inputSpec();

    /** Name of the image input. */
    String imageInputName();

    /**
     * Non-image inputs for a batch of {@code images} images whose tensor is {@code width x height}; empty for
     * image-only models. They must depend on nothing but these arguments and must not be changed once returned:
     * {@link Detector} reuses them for every batch of the same shape.
     */
    default Map<String, InputValue> extraInputs(int images, int width, int height) {
        return Map.of();
    }

    /** Shape of the image tensor for a batch of {@code images} images of {@code width x height}. */
    default long[] imageShape(int images, int height, int width) {
        return new long[] {images, 3, height, width};
    }

    /** Most images one run may take (exports of a single-image graph take 1). */
    default int maxBatch() {
        return Integer.MAX_VALUE;
    }

    /**
     * Decodes one batch: one list of candidates per image, mapped back through that image's transform.
     * {@code inputWidth x inputHeight} is the size of the image tensor the batch was run at (the spec's size,
     * or for variable-size inputs the batch's largest image: smaller ones are padded right and bottom).
     */
    List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms, int inputWidth,
            int inputHeight);

    /** What was recognised and how images are prepared, for {@code validate} and logs. */
    String describe();
}
