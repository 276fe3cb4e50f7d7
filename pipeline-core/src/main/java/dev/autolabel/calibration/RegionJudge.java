package dev.autolabel.calibration;

import dev.autolabel.detect.Box;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a reviewer's final boxes for an image into verdicts on the run's labels, by region id (a review tool keeps
 * the id of a label the reviewer kept, moved or relabeled; Label Studio does): no final region with the label's id:
 * {@link Verdict#REJECTED}; another class: {@link Verdict#WRONG_LABEL}; IoU of the label's box with the final box
 * below {@code iou}: {@link Verdict#MISPLACED}; else {@link Verdict#CORRECT}. Every final region of a class that is
 * not a correct label of that class is an object the run missed.
 */
public final class RegionJudge {

    private final double iou;

    public RegionJudge(double iou) {
        if (!(iou > 0 && iou <= 1)) {
            throw new IllegalArgumentException("review IoU must be in (0, 1], got " + iou);
        }
        this.iou = iou;
    }

    public ImageReview judge(SampleImage image, List<FinalRegion> regions) {
        Map<String, FinalRegion> byId = new HashMap<>();
        for (FinalRegion r : regions) {
            if (byId.put(r.id(), r) != null) {
                throw new IllegalArgumentException("image " + image.imageId() + " (row " + image.row()
                        + ") has two final boxes with region id " + r.id());
            }
        }
        Map<String, Verdict> verdicts = new TreeMap<>();
        Set<String> found = new HashSet<>();
        for (SampleLabel label : image.labels()) {
            Verdict v = verdict(label, byId.get(label.id()));
            verdicts.put(label.id(), v);
            if (v == Verdict.CORRECT) {
                found.add(label.id());
            }
        }
        Map<String, Integer> missed = new TreeMap<>();
        for (FinalRegion r : regions) {
            if (!found.contains(r.id())) {
                missed.merge(r.label(), 1, Integer::sum);
            }
        }
        return new ImageReview(image.row(), verdicts, missed);
    }

    private Verdict verdict(SampleLabel label, FinalRegion last) {
        if (last == null) {
            return Verdict.REJECTED;
        }
        if (!last.label().equals(label.key().label())) {
            return Verdict.WRONG_LABEL;
        }
        Box box = label.box();
        return box.iou(last.box()) >= iou ? Verdict.CORRECT : Verdict.MISPLACED;
    }
}
