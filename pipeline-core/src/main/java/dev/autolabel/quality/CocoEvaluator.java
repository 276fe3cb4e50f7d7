package dev.autolabel.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * COCO bounding-box evaluation, the arithmetic of pycocotools' {@code COCOeval} (iouType bbox, default parameters):
 * IoU thresholds .50:.05:.95, 101-point interpolated precision, area ranges all/small/medium/large, detection caps
 * 1/10/100. Both grids are numpy's {@code linspace} values, bit for bit: they differ from {@code 0.5 + 0.05 * i} and
 * {@code r / 100.0} in the last digit, which decides boxes at an IoU exactly on a threshold and recalls exactly on a
 * recall point. Categories are those given; detections on images outside {@code imageIds} or of other categories
 * are not counted. Images are taken in id order (pycocotools sorts them), detections in the order given.
 * {@code CocoEvaluatorPycocotoolsTest} checks all of it against pycocotools on generated cases.
 */
public final class CocoEvaluator {

    /** pycocotools' {@code np.linspace(.5, 0.95, 10)}. */
    static final double[] IOU_THRESHOLDS = linspace(0.5, 0.95, 10);
    /** pycocotools' {@code np.linspace(.0, 1.00, 101)}. */
    static final double[] RECALL_THRESHOLDS = linspace(0.0, 1.00, 101);
    private static final int[] MAX_DETS = {1, 10, 100};

    private final Set<Long> imageIds;
    private final Set<Integer> categoryIds;
    private final Map<Key, List<GroundTruthBox>> gts = new HashMap<>();
    private final Map<Key, List<ScoredBox>> dets = new HashMap<>();

    private record Key(long imageId, int categoryId) {
    }

    private record Bucket(int categoryId, AreaRange range, int maxDets) {
    }

    /** Per-image matches of a bucket, in image order: computed once, read by every threshold and summary. */
    private final Map<Bucket, List<ImageMatch>> matches = new HashMap<>();

    /** The mean precision and final recall over one bucket, -1 where the bucket has no ground truth. */
    private record Curve(double[] precisionAt101, double recall) {
    }

    private CocoEvaluator(Set<Long> imageIds, Set<Integer> categoryIds, List<GroundTruthBox> truth, List<ScoredBox> found) {
        this.imageIds = new TreeSet<>(imageIds);
        this.categoryIds = new TreeSet<>(categoryIds);
        truth.forEach(g -> gts.computeIfAbsent(new Key(g.imageId(), g.categoryId()), k -> new ArrayList<>()).add(g));
        found.forEach(d -> dets.computeIfAbsent(new Key(d.imageId(), d.categoryId()), k -> new ArrayList<>()).add(d));
    }

    public static CocoMetrics evaluate(Set<Long> imageIds, Set<Integer> categoryIds, List<GroundTruthBox> truth,
            List<ScoredBox> found) {
        return new CocoEvaluator(imageIds, categoryIds, truth, found).summarize();
    }

    private CocoMetrics summarize() {
        Map<Integer, Double> perCategory = new TreeMap<>();
        for (int c : categoryIds) {
            perCategory.put(c, meanPrecision(Set.of(c), AreaRange.ALL, 100, -1));
        }
        long[] operating = operatingPoint();
        return new CocoMetrics(
                meanPrecision(categoryIds, AreaRange.ALL, 100, -1),
                meanPrecision(categoryIds, AreaRange.ALL, 100, 0),
                meanPrecision(categoryIds, AreaRange.ALL, 100, 5),
                meanPrecision(categoryIds, AreaRange.SMALL, 100, -1),
                meanPrecision(categoryIds, AreaRange.MEDIUM, 100, -1),
                meanPrecision(categoryIds, AreaRange.LARGE, 100, -1),
                meanRecall(AreaRange.ALL, MAX_DETS[0]),
                meanRecall(AreaRange.ALL, MAX_DETS[1]),
                meanRecall(AreaRange.ALL, MAX_DETS[2]),
                meanRecall(AreaRange.SMALL, MAX_DETS[2]),
                meanRecall(AreaRange.MEDIUM, MAX_DETS[2]),
                meanRecall(AreaRange.LARGE, MAX_DETS[2]),
                perCategory, operating[0], operating[1], operating[2]);
    }

    /** Mean of the 101-point precision over categories and thresholds ({@code onlyThreshold} -1 = all ten). */
    private double meanPrecision(Set<Integer> categories, AreaRange range, int maxDets, int onlyThreshold) {
        double sum = 0;
        int n = 0;
        for (int c : categories) {
            for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
                if (onlyThreshold >= 0 && t != onlyThreshold) {
                    continue;
                }
                Curve curve = curve(c, range, maxDets, t);
                if (curve == null) {
                    continue;
                }
                for (double p : curve.precisionAt101()) {
                    sum += p;
                    n++;
                }
            }
        }
        return n == 0 ? -1 : sum / n;
    }

    private double meanRecall(AreaRange range, int maxDets) {
        double sum = 0;
        int n = 0;
        for (int c : categoryIds) {
            for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
                Curve curve = curve(c, range, maxDets, t);
                if (curve != null) {
                    sum += curve.recall();
                    n++;
                }
            }
        }
        return n == 0 ? -1 : sum / n;
    }

    /** pycocotools' accumulate for one category, range, cap and threshold; null when there is no ground truth. */
    private Curve curve(int category, AreaRange range, int maxDets, int t) {
        List<float[]> scored = new ArrayList<>(); // {score, tp, fp} per non-ignored detection, image by image
        int counted = 0;
        for (ImageMatch m : matches(new Bucket(category, range, maxDets))) {
            counted += m.countedGroundTruths;
            for (int d = 0; d < m.scores.length; d++) {
                if (!m.ignored[t][d]) {
                    scored.add(new float[] {m.scores[d], m.matched[t][d] ? 1 : 0, m.matched[t][d] ? 0 : 1});
                }
            }
        }
        if (counted == 0) {
            return null;
        }
        // Stable sort by score, descending, over the concatenation in image order (numpy mergesort on -score).
        scored.sort((a, b) -> ImageMatch.descending(a[0], b[0]));
        int nd = scored.size();
        double[] precision = new double[nd];
        double[] recall = new double[nd];
        double tp = 0;
        double fp = 0;
        for (int i = 0; i < nd; i++) {
            tp += scored.get(i)[1];
            fp += scored.get(i)[2];
            recall[i] = tp / counted;
            precision[i] = tp / (tp + fp + Math.ulp(1.0));
        }
        for (int i = nd - 1; i > 0; i--) {
            precision[i - 1] = Math.max(precision[i - 1], precision[i]);
        }
        // np.searchsorted(recall, RECALL_THRESHOLDS, side='left'): the first detection whose recall reaches the point.
        double[] at = new double[RECALL_THRESHOLDS.length];
        int i = 0;
        for (int r = 0; r < RECALL_THRESHOLDS.length; r++) {
            while (i < nd && recall[i] < RECALL_THRESHOLDS[r]) {
                i++;
            }
            at[r] = i < nd ? precision[i] : 0;
        }
        return new Curve(at, nd == 0 ? 0 : recall[nd - 1]);
    }

    private List<ImageMatch> matches(Bucket bucket) {
        return matches.computeIfAbsent(bucket, b -> imageIds.stream().map(image -> {
            Key key = new Key(image, b.categoryId());
            return new ImageMatch(gts.getOrDefault(key, List.of()), dets.getOrDefault(key, List.of()), b.range(),
                    b.maxDets(), IOU_THRESHOLDS);
        }).toList());
    }

    /** {true positives, false positives, counted ground truths} at IoU 0.5, every detection kept (cap 100/image). */
    private long[] operatingPoint() {
        long tp = 0;
        long fp = 0;
        long truth = 0;
        for (int c : categoryIds) {
            for (ImageMatch m : matches(new Bucket(c, AreaRange.ALL, 100))) {
                truth += m.countedGroundTruths;
                for (int d = 0; d < m.scores.length; d++) {
                    if (!m.ignored[0][d]) {
                        tp += m.matched[0][d] ? 1 : 0;
                        fp += m.matched[0][d] ? 0 : 1;
                    }
                }
            }
        }
        return new long[] {tp, fp, truth};
    }

    /**
     * numpy's {@code linspace(start, stop, num)} (endpoint included) as numpy computes it: {@code i * step + start}
     * with {@code step = (stop - start) / (num - 1)}, the last value set to {@code stop}.
     */
    static double[] linspace(double start, double stop, int num) {
        double step = (stop - start) / (num - 1);
        double[] values = new double[num];
        for (int i = 0; i < num; i++) {
            values[i] = i * step + start;
        }
        values[num - 1] = stop;
        return values;
    }
}
