package dev.autolabel.quality;

import static java.util.Objects.requireNonNull;

import dev.autolabel.calibration.ClassKey;
import dev.autolabel.calibration.CurvePoint;
import dev.autolabel.calibration.IntervalMethod;
import dev.autolabel.calibration.ScoreGrid;
import dev.autolabel.calibration.ThresholdCurve;
import dev.autolabel.label.Source;
import dev.autolabel.model.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One candidate prompt of a class run over a labeled set: each of its boxes (after pass-2 filtering) with its score
 * and whether it found an object of the class (greedy by score, IoU >= 0.5, each object once), and how many objects
 * the class has. Its precision and recall against the threshold, and its recall at a target precision (the usual
 * R@P: the lowest threshold whose measured precision reaches the target; the set is fully labeled, so precision is
 * measured, not estimated from a sample; the interval says how far it would carry to other images).
 */
public record PromptTrial(Prompt prompt, boolean handWritten, List<float[]> boxes, long objects) {

    public PromptTrial {
        requireNonNull(prompt, "prompt");
        boxes = List.copyOf(requireNonNull(boxes, "boxes"));
    }

    /** Precision (with its interval) and recall at each threshold step where the prompt keeps a box. */
    public ThresholdCurve curve(IntervalMethod method, double confidence) {
        List<CurvePoint> points = new ArrayList<>();
        for (int k = 0; k < ScoreGrid.BINS; k++) {
            float t = ScoreGrid.threshold(k);
            long kept = boxes.stream().filter(b -> b[0] >= t).count();
            if (kept == 0) {
                break;
            }
            long correct = boxes.stream().filter(b -> b[0] >= t && b[1] > 0).count();
            double p = (double) correct / kept;
            points.add(new CurvePoint(t, kept, (int) kept, p, method.bounds(p, kept, confidence), kept, correct,
                    objects == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) correct / objects)));
        }
        return new ThresholdCurve(new ClassKey(Source.OPEN_VOCAB, prompt.label()), boxes.size(), boxes.size(), points);
    }

    /** The operating point at the target: the lowest threshold whose precision reaches it, or empty when none does. */
    public Optional<CurvePoint> atTarget(double target, IntervalMethod method, double confidence) {
        return curve(method, confidence).points().stream().filter(p -> p.precision() >= target).findFirst();
    }

    /** Recall at the target precision (0 when no threshold reaches it). */
    public double recallAtTarget(double target) {
        return atTarget(target, IntervalMethod.WILSON, 0.95).map(p -> p.recall().orElse(0)).orElse(0.0);
    }
}
