package dev.autolabel.model;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.InputSpec;
import java.util.List;
import java.util.Map;

/**
 * Knows one export format: how images must be prepared and how raw outputs become detections
 * (in original-image pixels). Model execution itself (session, tensors, batching) is {@link Detector}'s job.
 */
public interface DetectorAdapter {

    /** Size, fit and normalisation the model expects. */
    InputSpec inputSpec();

    /** Name of the image input. */
    String imageInputName();

    /** Non-image inputs fed with every batch (e.g. text embeddings); empty for closed-set detectors. */
    Map<String, TensorData> extraInputs();

    /** Decodes one batch: one list of candidates per image, mapped back through that image's transform. */
    List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms);
}
