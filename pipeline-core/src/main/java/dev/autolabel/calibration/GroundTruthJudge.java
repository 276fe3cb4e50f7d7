package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
import dev.autolabel.quality.CocoBox;
import dev.autolabel.quality.CocoGroundTruth;
import dev.autolabel.quality.GroundTruthBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reviews a sampled image against COCO ground truth, as a careful reviewer would: labels, highest score first, each
 * take the best still-unclaimed object of their class at IoU >= {@code iou} ({@link Verdict#CORRECT}); a label left
 * over that overlaps an unclaimed object of another class at IoU >= {@code iou} gets relabeled
 * ({@link Verdict#WRONG_LABEL}), one that overlaps an unclaimed object of its class less closely gets moved
 * ({@link Verdict#MISPLACED}); the rest are deleted ({@link Verdict#REJECTED}). Objects no correct label claimed are
 * missed. Labels whose class the ground truth does not name get no verdict.
 */
public final class GroundTruthJudge {

    private final CocoGroundTruth truth;
    private final double iou;

    public GroundTruthJudge(CocoGroundTruth truth, double iou) {
        this.truth = requireNonNull(truth, "truth");
        if (!(iou > 0 && iou <= 1)) {
            throw new IllegalArgumentException("review IoU must be in (0, 1], got " + iou);
        }
        this.iou = iou;
    }

    /**
     * How a careful reviewer would treat each label of the image: its verdict and the object it was kept, relabeled
     * or moved onto ({@code claimed}; none for deleted labels), and the objects no label claimed ({@code unclaimed}:
     * boxes the reviewer would add).
     */
    public record Assignment(Map<String, Verdict> verdicts, Map<String, GroundTruthBox> claimed,
            List<GroundTruthBox> unclaimed) {
    }

    /** The review, or empty when the ground truth has no image matching this one (by id, URI or file name). */
    public Optional<ImageReview> judge(SampleImage image) {
        return assign(image).map(a -> {
            Map<String, Integer> missed = new TreeMap<>();
            a.claimed().forEach((id, object) -> {
                if (a.verdicts().get(id) != Verdict.CORRECT) {
                    missed.merge(truth.categories().get(object.categoryId()), 1, Integer::sum);
                }
            });
            a.unclaimed().forEach(object -> missed.merge(truth.categories().get(object.categoryId()), 1, Integer::sum));
            return new ImageReview(image.row(), a.verdicts(), missed);
        });
    }

    /** The reviewer's treatment of the image's labels, or empty when the ground truth does not have the image. */
    public Optional<Assignment> assign(SampleImage image) {
        Optional<Long> gtImage = truth.imageFor(image.imageId(), image.uri());
        if (gtImage.isEmpty()) {
            return Optional.empty();
        }
        List<GroundTruthBox> objects = truth.annotations().stream()
                .filter(g -> g.imageId() == gtImage.get() && !g.crowd()).toList();
        boolean[] claimed = new boolean[objects.size()];
        List<SampleLabel> byScore = new ArrayList<>(image.labels());
        byScore.sort(Comparator.comparingDouble((SampleLabel l) -> l.score()).reversed());
        Map<String, Verdict> verdicts = new TreeMap<>();
        Map<String, GroundTruthBox> claims = new TreeMap<>();
        List<SampleLabel> leftOver = new ArrayList<>();
        for (SampleLabel label : byScore) {
            Optional<Integer> category = truth.categoryOf(label.key().label());
            if (category.isEmpty()) {
                continue;
            }
            int best = bestUnclaimed(label, objects, claimed, g -> g.categoryId() == category.get(), iou);
            if (best >= 0) {
                claimed[best] = true;
                claims.put(label.id(), objects.get(best));
                verdicts.put(label.id(), Verdict.CORRECT);
            } else {
                leftOver.add(label);
            }
        }
        for (SampleLabel label : leftOver) {
            int category = truth.categoryOf(label.key().label()).orElseThrow();
            int other = bestUnclaimed(label, objects, claimed, g -> g.categoryId() != category, iou);
            int loose = bestUnclaimed(label, objects, claimed, g -> g.categoryId() == category, Double.MIN_VALUE);
            int taken = other >= 0 ? other : loose;
            verdicts.put(label.id(), other >= 0 ? Verdict.WRONG_LABEL : loose >= 0 ? Verdict.MISPLACED : Verdict.REJECTED);
            if (taken >= 0) {
                claimed[taken] = true;
                claims.put(label.id(), objects.get(taken));
            }
        }
        List<GroundTruthBox> unclaimed = new ArrayList<>();
        for (int g = 0; g < objects.size(); g++) {
            if (!claimed[g]) {
                unclaimed.add(objects.get(g));
            }
        }
        return Optional.of(new Assignment(verdicts, claims, unclaimed));
    }

    /** An object's COCO box as corners (float, as labels are). */
    public static Box corners(CocoBox b) {
        return new Box((float) b.x(), (float) b.y(), (float) (b.x() + b.width()), (float) (b.y() + b.height()));
    }

    /** The unclaimed object the label overlaps most, at IoU >= {@code minIou}, among those {@code eligible}; else -1. */
    private static int bestUnclaimed(SampleLabel label, List<GroundTruthBox> objects, boolean[] claimed,
            java.util.function.Predicate<GroundTruthBox> eligible, double minIou) {
        int best = -1;
        double bestIou = minIou;
        for (int g = 0; g < objects.size(); g++) {
            if (claimed[g] || !eligible.test(objects.get(g))) {
                continue;
            }
            double overlap = label.box().iou(corners(objects.get(g).box()));
            if (overlap >= bestIou) {
                bestIou = overlap;
                best = g;
            }
        }
        return best;
    }
}
