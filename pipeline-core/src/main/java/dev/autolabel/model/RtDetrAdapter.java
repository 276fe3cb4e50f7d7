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
 * Ultralytics RT-DETR export ({@code yolo export model=rtdetr-l.pt format=onnx}): output {@code [N, Q, 4+C]} per
 * query (cx, cy, w, h) as fractions of the (stretched) input, then C sigmoided class scores. Each query yields its
 * best class, as Ultralytics' RT-DETR predictor does.
 */
public final class RtDetrAdapter implements DetectorAdapter {

    private final InputSpec spec;
    private final String imageInput;
    private final String output;
    private final ClassNames names;
    private final float candidateThreshold;

    public RtDetrAdapter(InputSpec spec, String imageInput, String output, ClassNames names, float candidateThreshold) {
        this.spec = requireNonNull(spec, "spec");
        this.imageInput = requireNonNull(imageInput, "imageInput");
        this.output = requireNonNull(output, "output");
        this.names = requireNonNull(names, "names");
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
    public String describe() {
        return "rtdetr (Ultralytics RT-DETR, output '" + output + "' [N,Q,4+C], normalised cx,cy,w,h, sigmoided scores, "
                + names.size() + " class names); " + Preprocessing.describe(spec);
    }

    @Override
    public List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms, int inputWidth,
            int inputHeight) {
        TensorData t = Outputs.require(outputs, output, 3);
        int queries = t.dim(1);
        int values = t.dim(2);
        List<List<Detection>> result = new ArrayList<>(transforms.size());
        for (int n = 0; n < transforms.size(); n++) {
            List<Detection> dets = new ArrayList<>();
            for (int q = 0; q < queries; q++) {
                int best = -1;
                float bestScore = candidateThreshold;
                for (int c = 4; c < values; c++) {
                    float s = t.get(n, q, c);
                    if (s >= bestScore) {
                        bestScore = s;
                        best = c - 4;
                    }
                }
                if (best >= 0 && bestScore > 0f) {
                    Box inInput = BoxFormat.CXCYWH_NORMALIZED.toInputPixelsOrDegenerate(t.get(n, q, 0), t.get(n, q, 1),
                            t.get(n, q, 2), t.get(n, q, 3), inputWidth, inputHeight);
                    dets.add(new Detection(transforms.get(n).toOriginal(inInput), best, names.name(best),
                            Outputs.clampScore(bestScore)));
                }
            }
            result.add(dets);
        }
        return result;
    }
}
