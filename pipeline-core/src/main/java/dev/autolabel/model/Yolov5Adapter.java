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
 * YOLOv5 / YOLOv7 export ({@code ultralytics/yolov5 export.py}, {@code WongKinYiu/yolov7 export.py}): output
 * {@code [N, A, 5+C]} rows of (cx, cy, w, h) in input pixels, objectness, then C class probabilities. A row's score
 * is objectness x its best class probability, as their own NMS computes it.
 */
public final class Yolov5Adapter extends ClosedSetAdapter {

    private final String output;

    public Yolov5Adapter(InputSpec spec, String imageInput, String output, ClassNames names, float candidateThreshold) {
        super(spec, imageInput, names, candidateThreshold);
        this.output = requireNonNull(output, "output");
    }

    @Override
    public String describe() {
        return "yolov5 (YOLOv5/YOLOv7, output '" + output + "' [N,A,5+C], score = objectness x class, " + names.size()
                + " class names); " + Preprocessing.describe(spec);
    }

    @Override
    public List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms, int inputWidth,
            int inputHeight) {
        TensorData t = Outputs.require(outputs, output, 3);
        int rows = t.dim(1);
        int values = t.dim(2);
        if (values < 6) {
            throw new ModelException("YOLOv5 output " + t.shapeString() + " has fewer than 4 box values + objectness + 1 class");
        }
        List<List<Detection>> result = new ArrayList<>(transforms.size());
        for (int n = 0; n < transforms.size(); n++) {
            List<Detection> dets = new ArrayList<>();
            for (int a = 0; a < rows; a++) {
                float objectness = t.get(n, a, 4);
                if (!(objectness >= candidateThreshold)) {
                    continue; // objectness bounds the score: most rows stop here
                }
                int row = a;
                int image = n;
                Best best = best(values - 5, c -> objectness * t.get(image, row, 5 + c));
                if (best.found()) {
                    float cx = t.get(n, a, 0);
                    float cy = t.get(n, a, 1);
                    float w = t.get(n, a, 2);
                    float h = t.get(n, a, 3);
                    Box inInput = Outputs.finite(cx, cy, w, h) ? Box.fromCenter(cx, cy, w, h) : Outputs.degenerate();
                    dets.add(detection(transforms.get(n), inInput, best.index(), best.score()));
                }
            }
            result.add(dets);
        }
        return result;
    }
}
