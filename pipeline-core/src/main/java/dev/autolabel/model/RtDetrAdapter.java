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
public final class RtDetrAdapter extends ClosedSetAdapter {

    private final String output;

    public RtDetrAdapter(InputSpec spec, String imageInput, String output, ClassNames names, float candidateThreshold) {
        super(spec, imageInput, names, candidateThreshold);
        this.output = requireNonNull(output, "output");
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
                int query = q;
                int image = n;
                Best best = best(values - 4, c -> t.get(image, query, 4 + c));
                if (best.found()) {
                    Box inInput = BoxFormat.CXCYWH_NORMALIZED.toInputPixelsOrDegenerate(t.get(n, q, 0), t.get(n, q, 1),
                            t.get(n, q, 2), t.get(n, q, 3), inputWidth, inputHeight);
                    dets.add(detection(transforms.get(n), inInput, best.index(), best.score()));
                }
            }
            result.add(dets);
        }
        return result;
    }
}
