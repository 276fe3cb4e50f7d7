package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.InputSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OWL-ViT and OWLv2 as {@code optimum-cli export onnx --task zero-shot-object-detection} writes them: {@code input_ids}
 * and {@code attention_mask} {@code [N*Q, T]} (each image's Q prompts, padded to 16 tokens as OwlViTProcessor does)
 * and {@code pixel_values} in; {@code logits [N, P, Q]} (raw) and {@code pred_boxes [N, P, 4]} (cx, cy, w, h as
 * fractions of the input) out. The prompts are tokenised once with the model's tokenizer.json; the graph encodes them
 * with every batch (a single-model export offers no way to reuse the text embeddings).
 */
public final class OwlAdapter extends ImageAdapter {

    /** OWL-ViT's text model has 16 position embeddings: HF's processor pads every query to this length. */
    static final int SEQUENCE_LENGTH = 16;

    private final String variant;
    private final String idsInput;
    private final Optional<String> maskInput;
    private final String logitsOutput;
    private final String boxesOutput;
    private final List<Prompt> prompts;
    private final long[] ids;
    private final long[] mask;
    private final float candidateThreshold;

    public OwlAdapter(String variant, InputSpec spec, String imageInput, String idsInput, Optional<String> maskInput,
            String logitsOutput, String boxesOutput, List<Prompt> prompts, PromptTokenizer tokenizer, long padId,
            float candidateThreshold) {
        super(spec, imageInput);
        this.variant = requireNonNull(variant, "variant");
        this.idsInput = requireNonNull(idsInput, "idsInput");
        this.maskInput = requireNonNull(maskInput, "maskInput");
        this.logitsOutput = requireNonNull(logitsOutput, "logitsOutput");
        this.boxesOutput = requireNonNull(boxesOutput, "boxesOutput");
        this.prompts = List.copyOf(prompts);
        this.candidateThreshold = candidateThreshold;
        this.ids = new long[prompts.size() * SEQUENCE_LENGTH];
        this.mask = new long[ids.length];
        for (int q = 0; q < prompts.size(); q++) {
            long[] tokens = tokenizer.tokenIds(prompts.get(q).text());
            if (tokens.length == 0 || tokens.length > SEQUENCE_LENGTH) {
                throw new ModelException("open-vocab prompt '" + prompts.get(q).text() + "' has " + tokens.length
                        + " tokens; " + variant + " takes 1 to " + SEQUENCE_LENGTH + ": shorten it");
            }
            for (int t = 0; t < SEQUENCE_LENGTH; t++) {
                ids[q * SEQUENCE_LENGTH + t] = t < tokens.length ? tokens[t] : padId;
                mask[q * SEQUENCE_LENGTH + t] = t < tokens.length ? 1 : 0;
            }
        }
    }

    @Override
    public String describe() {
        return variant + " (single-model export: " + prompts.size() + " prompts tokenised into '" + idsInput + "'"
                + maskInput.map(m -> " + '" + m + "'").orElse("") + " [N*Q," + SEQUENCE_LENGTH + "], '" + logitsOutput
                + "' sigmoid, '" + boxesOutput + "' cx,cy,w,h normalised); " + Preprocessing.describe(spec);
    }

    @Override
    public Map<String, InputValue> extraInputs(int images, int width, int height) {
        long[] batchIds = new long[images * ids.length];
        long[] batchMask = new long[images * mask.length];
        for (int i = 0; i < images; i++) {
            System.arraycopy(ids, 0, batchIds, i * ids.length, ids.length);
            System.arraycopy(mask, 0, batchMask, i * mask.length, mask.length);
        }
        long[] shape = {(long) images * prompts.size(), SEQUENCE_LENGTH};
        InputValue idsValue = new InputValue.Longs(shape, batchIds);
        return maskInput.<Map<String, InputValue>>map(m -> Map.of(idsInput, idsValue, m, new InputValue.Longs(shape, batchMask)))
                .orElse(Map.of(idsInput, idsValue));
    }

    @Override
    public List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms, int inputWidth,
            int inputHeight) {
        TensorData boxes = Outputs.require(outputs, boxesOutput, 3);
        TensorData logits = Outputs.require(outputs, logitsOutput, 3);
        if (logits.dim(2) != prompts.size() || logits.dim(1) != boxes.dim(1)) {
            throw new ModelException(variant + " outputs do not fit the prompts: logits " + logits.shapeString()
                    + ", boxes " + boxes.shapeString() + ", " + prompts.size() + " prompts");
        }
        return PromptScores.decode(boxes, (n, p, q) -> Outputs.sigmoid(logits.get(n, p, q)), prompts,
                BoxFormat.CXCYWH_NORMALIZED, transforms, inputWidth, inputHeight, candidateThreshold);
    }
}
