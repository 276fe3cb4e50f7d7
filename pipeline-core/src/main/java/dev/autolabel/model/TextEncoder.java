package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the run's text embeddings with a text-encoder ONNX model: each prompt is tokenized, run on its own
 * (batch 1, so no padding can leak into models without an attention mask), pooled to one vector and optionally
 * L2-normalised. Runs once per run on the driver; prompts are few, so simplicity beats batching here.
 */
public final class TextEncoder {

    private final ModelSession session;
    private final PromptTokenizer tokenizer;
    private final TextEncoderSpec spec;
    private final String output;
    private final int fixedLength;

    public TextEncoder(ModelSession session, PromptTokenizer tokenizer, TextEncoderSpec spec) {
        this.session = requireNonNull(session, "session");
        this.tokenizer = requireNonNull(tokenizer, "tokenizer");
        this.spec = requireNonNull(spec, "spec");
        this.output = spec.output().orElse(List.copyOf(session.outputShapes().keySet()).get(0));
        this.fixedLength = checkInputs();
    }

    public TextEmbeddings encode(List<Prompt> prompts) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("open-vocab needs at least one prompt");
        }
        float[][] rows = new float[prompts.size()][];
        for (int q = 0; q < prompts.size(); q++) {
            rows[q] = TextEmbeddings.ensembleMean(prompts.get(q).texts().stream().map(this::encode).toList());
            if (rows[q].length != rows[0].length) {
                throw new ModelException("text encoder gave " + rows[q].length + " dims for '" + prompts.get(q).text()
                        + "' but " + rows[0].length + " for '" + prompts.get(0).text() + "'");
            }
        }
        int dim = rows[0].length;
        float[] matrix = new float[prompts.size() * dim];
        for (int q = 0; q < rows.length; q++) {
            System.arraycopy(rows[q], 0, matrix, q * dim, dim);
        }
        return new TextEmbeddings(prompts, dim, matrix);
    }

    /** One prompt's embedding. */
    public float[] encode(String text) {
        long[] ids = tokenizer.tokenIds(text);
        int limit = fixedLength > 0 ? Math.min(fixedLength, spec.maxLength()) : spec.maxLength();
        if (ids.length == 0 || ids.length > limit) {
            throw new ModelException("prompt '" + text + "' has " + ids.length + " tokens; the text encoder takes 1 to "
                    + limit + " (open-vocab.text-encoder.max-length" + (fixedLength > 0 ? " and the model's input length)" : ")"));
        }
        int length = fixedLength > 0 ? fixedLength : ids.length;
        long[] paddedIds = Arrays.copyOf(ids, length);
        long[] mask = new long[length];
        Arrays.fill(paddedIds, ids.length, length, spec.padId());
        Arrays.fill(mask, 0, ids.length, 1L);
        Map<String, long[]> inputs = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        inputs.put(spec.inputIds(), paddedIds);
        shapes.put(spec.inputIds(), new long[] {1, length});
        spec.attentionMask().ifPresent(name -> {
            inputs.put(name, mask);
            shapes.put(name, new long[] {1, length});
        });
        float[] vector = pool(session.runIntegers(inputs, shapes, output), ids.length);
        return spec.normalize() ? l2Normalised(vector) : vector;
    }

    private float[] pool(TensorData out, int tokens) {
        if (spec.pooling() == Pooling.NONE) {
            if (out.rank() != 2 || out.dim(0) != 1) {
                throw wrongShape(out, "[1, D] (one vector per prompt)");
            }
            return out.data().clone();
        }
        if (out.rank() != 3 || out.dim(0) != 1 || out.dim(1) < tokens) {
            throw wrongShape(out, "[1, T, D] (one vector per token)");
        }
        int dim = out.dim(2);
        float[] data = out.data();
        return switch (spec.pooling()) {
            case FIRST -> Arrays.copyOfRange(data, 0, dim);
            case LAST -> Arrays.copyOfRange(data, (tokens - 1) * dim, tokens * dim);
            default -> mean(data, tokens, dim);
        };
    }

    /** Mean over the real tokens (those the attention mask marks), never over padding. */
    private static float[] mean(float[] data, int tokens, int dim) {
        float[] sum = new float[dim];
        for (int t = 0; t < tokens; t++) {
            for (int d = 0; d < dim; d++) {
                sum[d] += data[t * dim + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            sum[d] /= tokens;
        }
        return sum;
    }

    private static float[] l2Normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm == 0) {
            return v;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }

    private ModelException wrongShape(TensorData out, String expected) {
        return new ModelException("text encoder output '" + output + "' has shape " + out.shapeString() + " but pooling '"
                + spec.pooling().configName() + "' needs " + expected + "; set open-vocab.text-encoder.pooling"
                + " (none for pooled outputs) or .output");
    }

    /** Checks the configured names against the model; returns its fixed sequence length, or 0 when dynamic. */
    private int checkInputs() {
        Map<String, long[]> declared = session.inputShapes();
        List<String> fed = spec.attentionMask().map(m -> List.of(spec.inputIds(), m)).orElse(List.of(spec.inputIds()));
        for (String name : fed) {
            if (!declared.containsKey(name)) {
                throw new ModelException("text encoder " + session.file() + " has no input '" + name + "'; it has "
                        + declared.keySet() + " (set open-vocab.text-encoder.input-ids / attention-mask; attention-mask"
                        + " = \"\" for a model without one)");
            }
        }
        List<String> unfed = declared.keySet().stream().filter(n -> !fed.contains(n)).toList();
        if (!unfed.isEmpty()) {
            throw new ModelException("text encoder " + session.file() + " also needs inputs " + unfed
                    + "; only token ids and an attention mask can be fed");
        }
        if (!session.outputShapes().containsKey(output)) {
            throw new ModelException("text encoder " + session.file() + " has no output '" + output + "'; it has "
                    + session.outputShapes().keySet());
        }
        long[] shape = declared.get(spec.inputIds());
        if (shape.length != 2) {
            throw new ModelException("text encoder input '" + spec.inputIds() + "' has shape " + Arrays.toString(shape)
                    + "; expected [batch, sequence]");
        }
        if (shape[0] > 1) {
            throw new ModelException("text encoder " + session.file() + " was exported with a fixed batch of " + shape[0]
                    + "; export it with batch 1 or a dynamic batch");
        }
        return shape[1] > 0 ? (int) shape[1] : 0;
    }
}
