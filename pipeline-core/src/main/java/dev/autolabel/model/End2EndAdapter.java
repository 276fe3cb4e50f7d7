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
 * Detectors that export final boxes: output {@code [N, K, 6]} rows of (x1, y1, x2, y2, score, class) in input
 * pixels (YOLOv10, RT-DETR and NMS-embedded exports). Rows below {@code candidateThreshold} (padding rows score 0)
 * are skipped; no NMS is needed, though the pass still applies its own.
 */
public final class End2EndAdapter extends ClosedSetAdapter {

    private final String output;

    public End2EndAdapter(InputSpec spec, String imageInput, String output, ClassNames names, float candidateThreshold) {
        super(spec, imageInput, names, candidateThreshold);
        this.output = requireNonNull(output, "output");
    }

    @Override
    public String describe() {
        return "end2end (final boxes '" + output + "' [N,K,6]: x1,y1,x2,y2,score,class; " + names.size()
                + " class names); " + Preprocessing.describe(spec);
    }

    @Override
    public List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms, int inputWidth,
            int inputHeight) {
        TensorData t = Outputs.require(outputs, output, 3);
        if (t.dim(2) < 6) {
            throw new ModelException("end2end output " + t.shapeString() + " needs 6 values per row (x1,y1,x2,y2,score,class)");
        }
        List<List<Detection>> result = new ArrayList<>(transforms.size());
        for (int n = 0; n < transforms.size(); n++) {
            List<Detection> dets = new ArrayList<>();
            for (int k = 0; k < t.dim(1); k++) {
                float score = t.get(n, k, 4);
                int cls = Math.round(t.get(n, k, 5));
                if (score >= candidateThreshold && score > 0f && cls >= 0) {
                    float x1 = t.get(n, k, 0);
                    float y1 = t.get(n, k, 1);
                    float x2 = t.get(n, k, 2);
                    float y2 = t.get(n, k, 3);
                    // Corners given the wrong way round describe no box: degenerate, not flipped.
                    Box inInput = Outputs.finite(x1, y1, x2, y2) && x2 >= x1 && y2 >= y1 ? new Box(x1, y1, x2, y2)
                            : Outputs.degenerate();
                    dets.add(detection(transforms.get(n), inInput, cls, score));
                }
            }
            result.add(dets);
        }
        return result;
    }
}
