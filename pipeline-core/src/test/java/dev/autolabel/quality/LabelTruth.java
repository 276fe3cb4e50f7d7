package dev.autolabel.quality;

import dev.autolabel.calibration.ClassKey;
import dev.autolabel.calibration.GroundTruthJudge;
import dev.autolabel.calibration.ImageReview;
import dev.autolabel.calibration.SampleImage;
import dev.autolabel.calibration.SampleLabel;
import dev.autolabel.calibration.Verdict;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every label of a set of rows judged against the ground truth, as a reviewer of the whole set would
 * ({@link GroundTruthJudge}, IoU 0.5): the true precision of each pass-class and the recall of each class.
 */
public final class LabelTruth {

    /** Correct and total labels of one pass-class. */
    public record Counts(long correct, long total) {
        public double precision() {
            return total == 0 ? Double.NaN : (double) correct / total;
        }
    }

    private final Map<ClassKey, long[]> perClass = new TreeMap<>();
    private final Map<String, long[]> found = new TreeMap<>();
    private final Map<String, Long> objects = new TreeMap<>();

    public LabelTruth(List<LabeledImage> rows, CocoGroundTruth truth) {
        GroundTruthJudge judge = new GroundTruthJudge(truth, 0.5);
        truth.annotations().forEach(g -> objects.merge(truth.categories().get(g.categoryId()), 1L, Long::sum));
        long row = 0;
        for (LabeledImage image : rows) {
            List<SampleLabel> labels = new ArrayList<>();
            for (int i = 0; i < image.detections().size(); i++) {
                LabeledDetection d = image.detections().get(i);
                labels.add(new SampleLabel(SampleLabel.idOf(row, i), i, new ClassKey(d.source(), d.label()), d.score(),
                        d.box(), 0, true));
            }
            ImageReview review = judge.judge(new SampleImage(row, image.imageId(), image.uri(), image.width(),
                    image.height(), labels)).orElseThrow(() -> new IllegalArgumentException("not in the ground truth: "
                    + image.uri()));
            for (SampleLabel l : labels) {
                boolean correct = review.verdicts().get(l.id()) == Verdict.CORRECT;
                long[] c = perClass.computeIfAbsent(l.key(), k -> new long[2]);
                c[0] += correct ? 1 : 0;
                c[1]++;
                if (correct) {
                    found.computeIfAbsent(l.key().label(), k -> new long[1])[0]++;
                }
            }
            row++;
        }
    }

    public Map<ClassKey, Counts> perClass() {
        Map<ClassKey, Counts> out = new TreeMap<>();
        perClass.forEach((k, c) -> out.put(k, new Counts(c[0], c[1])));
        return out;
    }

    /** Objects of a class found by a correct label, over all its objects. */
    public double recall(String label) {
        return objects.getOrDefault(label, 0L) == 0 ? Double.NaN
                : (double) found.getOrDefault(label, new long[1])[0] / objects.get(label);
    }

    public double precision() {
        long correct = perClass.values().stream().mapToLong(c -> c[0]).sum();
        long total = perClass.values().stream().mapToLong(c -> c[1]).sum();
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    public double recall() {
        long correct = found.values().stream().mapToLong(c -> c[0]).sum();
        long all = objects.values().stream().mapToLong(Long::longValue).sum();
        return (double) correct / all;
    }

    public long labels() {
        return perClass.values().stream().mapToLong(c -> c[1]).sum();
    }
}
