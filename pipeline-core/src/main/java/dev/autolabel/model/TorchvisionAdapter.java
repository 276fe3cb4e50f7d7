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
 * torchvision detection models exported to ONNX ({@code torch.onnx.export(model, [image], ...)}): one image
 * {@code [3, H, W]} RGB 0..1 in (resized and normalised inside the graph by the model's own transform), and
 * {@code boxes [K, 4]} (x1, y1, x2, y2 in the pixels of the image fed), {@code labels [K]} (int64 class ids) and
 * {@code scores [K]} out, already past the model's own score threshold and NMS. One image per run.
 */
public final class TorchvisionAdapter extends ClosedSetAdapter {

    private final String boxesOutput;
    private final String labelsOutput;
    private final String scoresOutput;

    public TorchvisionAdapter(InputSpec spec, String imageInput, String boxesOutput, String labelsOutput,
            String scoresOutput, ClassNames names, float candidateThreshold) {
        super(spec, imageInput, names, candidateThreshold);
        this.boxesOutput = requireNonNull(boxesOutput, "boxesOutput");
        this.labelsOutput = requireNonNull(labelsOutput, "labelsOutput");
        this.scoresOutput = requireNonNull(scoresOutput, "scoresOutput");
    }

    @Override
    public long[] imageShape(int images, int height, int width) {
        return new long[] {3, height, width};
    }

    @Override
    public int maxBatch() {
        return 1;
    }

    @Override
    public String describe() {
        return "torchvision ('" + boxesOutput + "' [K,4], '" + labelsOutput + "' [K], '" + scoresOutput + "' [K], "
                + names.size() + " class names, one image per run); " + Preprocessing.describe(spec);
    }

    @Override
    public List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms, int inputWidth,
            int inputHeight) {
        TensorData boxes = Outputs.require(outputs, boxesOutput, 2);
        TensorData labels = Outputs.require(outputs, labelsOutput, 1);
        TensorData scores = Outputs.require(outputs, scoresOutput, 1);
        float[] b = boxes.data();
        List<Detection> dets = new ArrayList<>();
        for (int k = 0; k < scores.dim(0); k++) {
            float score = scores.data()[k];
            int cls = Math.round(labels.data()[k]);
            if (score >= candidateThreshold && cls >= 0) {
                float x1 = b[4 * k];
                float y1 = b[4 * k + 1];
                float x2 = b[4 * k + 2];
                float y2 = b[4 * k + 3];
                Box inInput = Outputs.finite(x1, y1, x2, y2) && x2 >= x1 && y2 >= y1 ? new Box(x1, y1, x2, y2)
                        : Outputs.degenerate();
                dets.add(detection(transforms.get(0), inInput, cls, score));
            }
        }
        return List.of(dets);
    }
}
