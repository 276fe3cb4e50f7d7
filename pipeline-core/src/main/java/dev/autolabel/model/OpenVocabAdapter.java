package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Open-vocabulary detectors (OWL-ViT/OWLv2, YOLO-World style): images plus text embeddings {@code [Q, D]} in,
 * boxes {@code [N, P, 4]} and logits {@code [N, P, Q]} out. Every (proposal, prompt) pair scoring at least
 * {@code candidateThreshold} becomes a detection whose classId is the prompt index and label the prompt's label.
 */
public final class OpenVocabAdapter implements DetectorAdapter {

    private final InputSpec spec;
    private final String imageInput;
    private final String textInput;
    private final TensorData textEmbeddings;
    private final List<Prompt> prompts;
    private final String boxesOutput;
    private final String logitsOutput;
    private final BoxFormat boxFormat;
    private final boolean logitsAreRaw;
    private final float candidateThreshold;

    public OpenVocabAdapter(InputSpec spec, String imageInput, String textInput, TextEmbeddings embeddings,
            String boxesOutput, String logitsOutput, BoxFormat boxFormat, boolean logitsAreRaw, float candidateThreshold) {
        this.spec = requireNonNull(spec, "spec");
        this.imageInput = requireNonNull(imageInput, "imageInput");
        this.textInput = requireNonNull(textInput, "textInput");
        this.textEmbeddings = requireNonNull(embeddings, "embeddings").asTensor();
        this.prompts = embeddings.prompts();
        this.boxesOutput = requireNonNull(boxesOutput, "boxesOutput");
        this.logitsOutput = requireNonNull(logitsOutput, "logitsOutput");
        this.boxFormat = requireNonNull(boxFormat, "boxFormat");
        this.logitsAreRaw = logitsAreRaw;
        this.candidateThreshold = candidateThreshold;
    }

    @Override
    public InputSpec inputSpec() {
        return spec;
    }

    @Override
    public String imageInputName() {
        return imageInput;
    }

    @Override
    public Map<String, TensorData> extraInputs() {
        return Map.of(textInput, textEmbeddings);
    }

    public List<Prompt> prompts() {
        return prompts;
    }

    @Override
    public List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms) {
        TensorData boxes = Outputs.require(outputs, boxesOutput, 3);
        TensorData logits = Outputs.require(outputs, logitsOutput, 3);
        if (boxes.dim(2) != 4 || logits.dim(1) != boxes.dim(1) || logits.dim(2) != prompts.size()) {
            throw new ModelException("open-vocab outputs do not fit together: boxes " + boxes.shapeString()
                    + ", logits " + logits.shapeString() + ", " + prompts.size() + " prompts");
        }
        List<List<Detection>> result = new ArrayList<>(transforms.size());
        for (int n = 0; n < transforms.size(); n++) {
            List<Detection> dets = new ArrayList<>();
            for (int p = 0; p < boxes.dim(1); p++) {
                Box box = null;
                for (int q = 0; q < prompts.size(); q++) {
                    float raw = logits.get(n, p, q);
                    float score = Outputs.clampScore(logitsAreRaw ? Outputs.sigmoid(raw) : raw);
                    if (score >= candidateThreshold && score > 0f) {
                        if (box == null) {
                            box = transforms.get(n).toOriginal(boxFormat.toInputPixels(boxes.get(n, p, 0), boxes.get(n, p, 1),
                                    boxes.get(n, p, 2), boxes.get(n, p, 3), spec.width(), spec.height()));
                        }
                        dets.add(new Detection(box, q, prompts.get(q).label(), score));
                    }
                }
            }
            result.add(dets);
        }
        return result;
    }
}
