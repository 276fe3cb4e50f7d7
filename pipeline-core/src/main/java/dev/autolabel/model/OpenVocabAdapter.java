package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.InputSpec;
import java.util.List;
import java.util.Map;

/**
 * Open-vocabulary detectors fed text embeddings computed once per run: images plus embeddings {@code [Q, D]}, or
 * {@code [1, Q, D]} / {@code [N, Q, D]} (OWL-ViT/OWLv2 split exports' {@code query_embeds}, YOLO-World's
 * {@code text_features}) in; boxes {@code [N, P, 4]} and logits or scores {@code [N, P, Q]} out. Every (proposal,
 * prompt) pair scoring at least {@code candidateThreshold} becomes a detection whose classId is the prompt index
 * and label the prompt's label.
 */
public final class OpenVocabAdapter extends ImageAdapter {

    private final String family;
    private final TensorSpec textInput;
    private final TextEmbeddings embeddings;
    private final List<Prompt> prompts;
    private final String boxesOutput;
    private final String logitsOutput;
    private final BoxFormat boxFormat;
    private final boolean logitsAreRaw;
    private final float candidateThreshold;

    public OpenVocabAdapter(String family, InputSpec spec, String imageInput, TensorSpec textInput,
            TextEmbeddings embeddings, String boxesOutput, String logitsOutput, BoxFormat boxFormat, boolean logitsAreRaw,
            float candidateThreshold) {
        super(spec, imageInput);
        this.family = requireNonNull(family, "family");
        this.textInput = requireNonNull(textInput, "textInput");
        this.embeddings = requireNonNull(embeddings, "embeddings");
        this.prompts = embeddings.prompts();
        this.boxesOutput = requireNonNull(boxesOutput, "boxesOutput");
        this.logitsOutput = requireNonNull(logitsOutput, "logitsOutput");
        this.boxFormat = requireNonNull(boxFormat, "boxFormat");
        this.logitsAreRaw = logitsAreRaw;
        this.candidateThreshold = candidateThreshold;
        checkTextInput();
    }

    private void checkTextInput() {
        int rank = textInput.rank();
        if (rank != 2 && rank != 3) {
            throw new ModelException("text-embedding input " + textInput.describe() + " must be [Q, D] or [1, Q, D]");
        }
        long dim = textInput.dim(rank - 1);
        if (dim > 0 && dim != embeddings.dim()) {
            throw new ModelException("input " + textInput.describe() + " wants embeddings of dimension " + dim
                    + " but the text embeddings have dimension " + embeddings.dim()
                    + "; use the text encoder that goes with this model");
        }
        long queries = textInput.dim(rank - 2);
        if (queries > 0 && queries != prompts.size()) {
            throw new ModelException("input " + textInput.describe() + " is exported for " + queries + " prompts but "
                    + prompts.size() + " are configured; re-export with a dynamic query axis or configure " + queries);
        }
        if (rank == 3 && textInput.dim(0) > 1) {
            throw new ModelException("input " + textInput.describe() + " has a fixed first dimension of "
                    + textInput.dim(0) + "; autolabel feeds [1, Q, D] or one row per image");
        }
    }

    public List<Prompt> prompts() {
        return prompts;
    }

    @Override
    public String describe() {
        return family + " (text embeddings " + prompts.size() + " x " + embeddings.dim() + " into '" + textInput.name()
                + "', boxes '" + boxesOutput + "' " + boxFormat.configName() + ", scores '" + logitsOutput + "' "
                + (logitsAreRaw ? "raw logits (sigmoid)" : "probabilities") + "); " + Preprocessing.describe(spec);
    }

    /** {@code [Q, D]}; {@code [1, Q, D]} when the first axis is fixed at 1; else one copy per image. */
    @Override
    public Map<String, InputValue> extraInputs(int images, int width, int height) {
        float[] matrix = embeddings.matrix();
        int q = prompts.size();
        int d = embeddings.dim();
        if (textInput.rank() == 2) {
            return Map.of(textInput.name(), new InputValue.Floats(new long[] {q, d}, matrix));
        }
        int copies = textInput.dim(0) == 1 ? 1 : images;
        float[] repeated = new float[copies * matrix.length];
        for (int i = 0; i < copies; i++) {
            System.arraycopy(matrix, 0, repeated, i * matrix.length, matrix.length);
        }
        return Map.of(textInput.name(), new InputValue.Floats(new long[] {copies, q, d}, repeated));
    }

    @Override
    public List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms, int inputWidth,
            int inputHeight) {
        TensorData boxes = Outputs.require(outputs, boxesOutput, 3);
        TensorData logits = Outputs.require(outputs, logitsOutput, 3);
        if (boxes.dim(2) != 4 || logits.dim(1) != boxes.dim(1) || logits.dim(2) != prompts.size()) {
            throw new ModelException("open-vocab outputs do not fit together: boxes " + boxes.shapeString()
                    + ", logits " + logits.shapeString() + ", " + prompts.size() + " prompts");
        }
        return PromptScores.decode(boxes, (n, p, q) -> {
            float raw = logits.get(n, p, q);
            return logitsAreRaw ? Outputs.sigmoid(raw) : raw;
        }, prompts, boxFormat, transforms, inputWidth, inputHeight, candidateThreshold);
    }
}
