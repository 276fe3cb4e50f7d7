package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.InputSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grounding DINO exported from IDEA-Research's implementation (the common {@code export_onnx} scripts): {@code img},
 * {@code input_ids}, {@code attention_mask} (bool), {@code position_ids}, {@code token_type_ids} and the
 * sub-sentence {@code text_token_mask} (bool, [N, T, T]) in; per-token {@code logits [N, 900, 256]} and {@code boxes
 * [N, 900, 4]} (cx, cy, w, h as fractions of the image tensor) out. Hugging Face exports ({@code pixel_values},
 * {@code pixel_mask}, {@code pred_boxes}; masks built inside the graph) are fed the same way.
 *
 * <p>The prompts are joined into one caption, {@code "red car . blue box ."}, tokenised once; the attention mask and
 * position ids are built as the reference {@code generate_masks_with_special_tokens} builds them (each phrase attends
 * to itself, positions restart after every separator). A prompt's score for a query is the maximum over its own
 * tokens of the sigmoided per-token logits.
 */
public final class GroundingDinoAdapter extends ImageAdapter {

    /** The text length the model's logits are padded to (max_text_len). */
    static final int MAX_TEXT_LENGTH = 256;
    private static final Set<String> SEPARATORS = Set.of("[CLS]", "[SEP]", ".", "?");

    private final ModelSignature signature;
    private final String logitsOutput;
    private final String boxesOutput;
    private final List<Prompt> prompts;
    private final long[] ids;
    private final long[] positions;
    private final boolean[] subSentenceMask;
    /** Token index ranges [start, end) of each prompt, in prompt order. */
    private final int[][] spans;
    private final float candidateThreshold;

    public GroundingDinoAdapter(InputSpec spec, ModelSignature signature, TensorSpec imageInput, String logitsOutput,
            String boxesOutput, List<Prompt> prompts, PromptTokenizer tokenizer, float candidateThreshold) {
        super(spec, imageInput.name());
        this.signature = requireNonNull(signature, "signature");
        this.logitsOutput = requireNonNull(logitsOutput, "logitsOutput");
        this.boxesOutput = requireNonNull(boxesOutput, "boxesOutput");
        this.prompts = List.copyOf(prompts);
        this.candidateThreshold = candidateThreshold;
        TokenizedText text = tokenizer.tokenize(caption(prompts));
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new ModelException("the open-vocab prompts make a caption of " + text.length() + " tokens; Grounding DINO"
                    + " takes at most " + MAX_TEXT_LENGTH + ": use fewer or shorter prompts");
        }
        this.ids = text.ids();
        int t = ids.length;
        this.positions = new long[t];
        this.subSentenceMask = new boolean[t * t];
        List<int[]> found = new ArrayList<>();
        buildMasks(text.tokens(), found);
        if (found.size() != prompts.size()) {
            throw new ModelException("the Grounding DINO caption '" + caption(prompts) + "' splits into " + found.size()
                    + " phrases for " + prompts.size() + " prompts: prompts must not contain '.' or '?', and the"
                    + " tokenizer must be the model's (BERT) tokenizer.json");
        }
        this.spans = found.toArray(new int[0][]);
    }

    /** The prompts joined as Grounding DINO's captions are written: lower case, {@code " . "} between, final {@code " ."}. */
    static String caption(List<Prompt> prompts) {
        StringBuilder b = new StringBuilder();
        for (Prompt p : prompts) {
            b.append(p.text().strip().toLowerCase(java.util.Locale.ROOT)).append(" . ");
        }
        return b.toString().strip();
    }

    /**
     * As the reference {@code generate_masks_with_special_tokens_and_transfer_map}: every token attends to itself;
     * the tokens after a separator up to and including the next attend to each other and count positions from 0.
     */
    private void buildMasks(List<String> tokens, List<int[]> phraseSpans) {
        int t = tokens.size();
        for (int i = 0; i < t; i++) {
            subSentenceMask[i * t + i] = true;
        }
        int previous = 0;
        for (int col = 0; col < t; col++) {
            if (!SEPARATORS.contains(tokens.get(col))) {
                continue;
            }
            if (col == 0 || col == t - 1) {
                positions[col] = 0;
            } else {
                for (int r = previous + 1; r <= col; r++) {
                    for (int c = previous + 1; c <= col; c++) {
                        subSentenceMask[r * t + c] = true;
                    }
                    positions[r] = r - previous - 1;
                }
                if (col > previous + 1) {
                    phraseSpans.add(new int[] {previous + 1, col});
                }
            }
            previous = col;
        }
    }

    @Override
    public String describe() {
        return "grounding-dino (caption '" + caption(prompts) + "', " + ids.length + " tokens, per-prompt score = max"
                + " over its tokens of sigmoid('" + logitsOutput + "'), boxes '" + boxesOutput + "'); "
                + Preprocessing.describe(spec);
    }

    @Override
    public Map<String, InputValue> extraInputs(int images, int width, int height) {
        int t = ids.length;
        long[] shape = {images, t};
        Map<String, InputValue> in = new HashMap<>();
        in.put("input_ids", new InputValue.Longs(shape, repeat(ids, images)));
        long[] ones = new long[images * t];
        java.util.Arrays.fill(ones, 1);
        signature.input("attention_mask").ifPresent(m -> in.put(m.name(), new InputValue.Longs(shape, ones)));
        signature.input("token_type_ids").ifPresent(m -> in.put(m.name(), new InputValue.Longs(shape, new long[images * t])));
        signature.input("position_ids").ifPresent(m -> in.put(m.name(), new InputValue.Longs(shape, repeat(positions, images))));
        signature.input("text_token_mask").ifPresent(m -> {
            boolean[] all = new boolean[images * t * t];
            for (int i = 0; i < images; i++) {
                System.arraycopy(subSentenceMask, 0, all, i * t * t, t * t);
            }
            in.put(m.name(), new InputValue.Bools(new long[] {images, t, t}, all));
        });
        signature.input("pixel_mask").ifPresent(m -> {
            long[] mask = new long[images * width * height];
            java.util.Arrays.fill(mask, 1); // batch padding is zeros the model sees, as with exports without a mask
            in.put(m.name(), new InputValue.Longs(new long[] {images, height, width}, mask));
        });
        return in;
    }

    private static long[] repeat(long[] row, int times) {
        long[] out = new long[row.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(row, 0, out, i * row.length, row.length);
        }
        return out;
    }

    @Override
    public List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms, int inputWidth,
            int inputHeight) {
        TensorData logits = Outputs.require(outputs, logitsOutput, 3);
        TensorData boxes = Outputs.require(outputs, boxesOutput, 3);
        if (logits.dim(2) < ids.length || logits.dim(1) != boxes.dim(1)) {
            throw new ModelException("grounding-dino outputs do not fit: logits " + logits.shapeString() + ", boxes "
                    + boxes.shapeString() + ", caption of " + ids.length + " tokens");
        }
        return PromptScores.decode(boxes, (n, p, q) -> {
            float best = Float.NEGATIVE_INFINITY;
            for (int k = spans[q][0]; k < spans[q][1]; k++) {
                best = Math.max(best, logits.get(n, p, k));
            }
            return Outputs.sigmoid(best);
        }, prompts, BoxFormat.CXCYWH_NORMALIZED, transforms, inputWidth, inputHeight, candidateThreshold);
    }
}
