package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.InputSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Ultralytics YOLOv8/YOLO11 detect export: output {@code [N, 4+C, A]} with (cx, cy, w, h) in input pixels then
 * C class scores per anchor (already sigmoid). Each anchor yields its best class when that score reaches
 * {@code candidateThreshold}; NMS is left to the pass. A transposed {@code [N, A, 4+C]} output is accepted too.
 */
public final class YoloAdapter extends ClosedSetAdapter {

    private final String output;

    public YoloAdapter(InputSpec spec, String imageInput, String output, ClassNames names, float candidateThreshold) {
        super(spec, imageInput, names, candidateThreshold);
        this.output = requireNonNull(output, "output");
    }

    @Override
    public String describe() {
        return "yolo (Ultralytics YOLOv8/YOLO11/YOLO-World, output '" + output + "' [N,4+C,A], " + names.size()
                + " class names); " + Preprocessing.describe(spec);
    }

    @Override
    public List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms, int inputWidth,
            int inputHeight) {
        TensorData t = Outputs.require(outputs, output, 3);
        boolean channelsFirst = isChannelsFirst(t);
        int channels = channelsFirst ? t.dim(1) : t.dim(2);
        int anchors = channelsFirst ? t.dim(2) : t.dim(1);
        if (channels < 5) {
            throw new ModelException("YOLO output " + t.shapeString() + " has fewer than 4 box values + 1 class");
        }
        List<List<Detection>> result = new ArrayList<>(transforms.size());
        int[] bestClass = new int[anchors];
        float[] bestScore = new float[anchors];
        for (int n = 0; n < transforms.size(); n++) {
            List<Detection> dets = new ArrayList<>();
            if (channelsFirst) {
                bestPerAnchor(t, n, bestClass, bestScore);
            }
            for (int a = 0; a < anchors; a++) {
                int anchor = a;
                int image = n;
                Best best = channelsFirst ? picked(bestClass[a], bestScore[a])
                        : best(channels - 4, c -> t.get(image, anchor, 4 + c));
                if (best.found()) {
                    float[] xywh = new float[4];
                    for (int k = 0; k < 4; k++) {
                        xywh[k] = channelsFirst ? t.get(n, k, a) : t.get(n, a, k);
                    }
                    Box inInput = Outputs.finite(xywh[0], xywh[1], xywh[2], xywh[3])
                            ? Box.fromCenter(xywh[0], xywh[1], xywh[2], xywh[3]) : Outputs.degenerate();
                    dets.add(detection(transforms.get(n), inInput, best.index(), best.score()));
                }
            }
            result.add(dets);
        }
        return result;
    }

    /**
     * Each anchor's best class reaching the candidate threshold ({@code -1}: none) and its score, as
     * {@link #best} picks it, for image {@code n} of a {@code [N, 4+C, A]} output. Reads each class's row of scores
     * in memory order: per anchor, the C scores lie A floats apart (80 cache lines per anchor at YOLOv8's 8400).
     */
    private void bestPerAnchor(TensorData t, int n, int[] bestClass, float[] bestScore) {
        float[] data = t.data();
        int channels = t.dim(1);
        int anchors = t.dim(2);
        Arrays.fill(bestClass, -1);
        Arrays.fill(bestScore, candidateThreshold);
        for (int c = 0; c < channels - 4; c++) {
            int row = (n * channels + 4 + c) * anchors;
            for (int a = 0; a < anchors; a++) {
                float s = data[row + a];
                if (s >= bestScore[a]) {
                    bestScore[a] = s;
                    bestClass[a] = c;
                }
            }
        }
    }

    /**
     * [N, 4+C, A] when the class count matches; else a dimension under 5 cannot hold 4 box values + 1 class
     * (few-anchor exports, configured names that miss classes); else the smaller holds the channels (A >> C).
     */
    private boolean isChannelsFirst(TensorData t) {
        if (names.size() > 0) {
            if (t.dim(1) == 4 + names.size()) {
                return true;
            }
            if (t.dim(2) == 4 + names.size()) {
                return false;
            }
        }
        if (t.dim(1) < 5 || t.dim(2) < 5) {
            return t.dim(2) < 5;
        }
        return t.dim(1) <= t.dim(2);
    }
}
