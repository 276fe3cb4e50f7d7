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
 * Hugging Face / optimum object-detection exports of the DETR family: {@code pixel_values} in, {@code logits
 * [N, Q, K]} and {@code pred_boxes [N, Q, 4]} (cx, cy, w, h as fractions of the input tensor) out. DETR, YOLOS and
 * Table Transformer score with a softmax whose last class is "no object" (K = C + 1); RT-DETR, Deformable and
 * Conditional DETR with a sigmoid per class (K = C). Each query yields its best class.
 */
public final class HfDetrAdapter extends ClosedSetAdapter {

    private final String logitsOutput;
    private final String boxesOutput;
    private final boolean softmaxWithNoObject;
    private final String modelType;

    public HfDetrAdapter(InputSpec spec, String imageInput, String logitsOutput, String boxesOutput, ClassNames names,
            boolean softmaxWithNoObject, String modelType, float candidateThreshold) {
        super(spec, imageInput, names, candidateThreshold);
        this.logitsOutput = requireNonNull(logitsOutput, "logitsOutput");
        this.boxesOutput = requireNonNull(boxesOutput, "boxesOutput");
        this.softmaxWithNoObject = softmaxWithNoObject;
        this.modelType = requireNonNull(modelType, "modelType");
    }

    @Override
    public String describe() {
        return "hf-detr (Hugging Face " + modelType + ": '" + logitsOutput + "' + '" + boxesOutput + "', "
                + (softmaxWithNoObject ? "softmax with a no-object class" : "sigmoid per class") + ", " + names.size()
                + " class names); " + Preprocessing.describe(spec);
    }

    @Override
    public List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms, int inputWidth,
            int inputHeight) {
        TensorData logits = Outputs.require(outputs, logitsOutput, 3);
        TensorData boxes = Outputs.require(outputs, boxesOutput, 3);
        int queries = logits.dim(1);
        int classes = logits.dim(2) - (softmaxWithNoObject ? 1 : 0);
        float[] row = new float[logits.dim(2)];
        List<List<Detection>> result = new ArrayList<>(transforms.size());
        for (int n = 0; n < transforms.size(); n++) {
            List<Detection> dets = new ArrayList<>();
            for (int q = 0; q < queries; q++) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = logits.get(n, q, k);
                }
                probabilities(row);
                Best best = best(classes, c -> row[c]);
                if (best.found()) {
                    Box inInput = BoxFormat.CXCYWH_NORMALIZED.toInputPixelsOrDegenerate(boxes.get(n, q, 0),
                            boxes.get(n, q, 1), boxes.get(n, q, 2), boxes.get(n, q, 3), inputWidth, inputHeight);
                    dets.add(detection(transforms.get(n), inInput, best.index(), best.score()));
                }
            }
            result.add(dets);
        }
        return result;
    }

    private void probabilities(float[] row) {
        if (!softmaxWithNoObject) {
            for (int k = 0; k < row.length; k++) {
                row[k] = Outputs.sigmoid(row[k]);
            }
            return;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < row.length; k++) {
            row[k] = (float) Math.exp(row[k] - max);
            sum += row[k];
        }
        for (int k = 0; k < row.length; k++) {
            row[k] = (float) (row[k] / sum);
        }
    }
}
