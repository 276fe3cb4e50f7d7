package dev.autolabel.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * pycocotools' {@code evaluateImg} for one image, one category, one area range and a detection cap: detections in
 * descending score order (ties in input order), each greedily matched per IoU threshold to the best still-free
 * ground truth (crowd regions may take many, and match by intersection over the detection's area). Detections matched
 * to ignored ground truth, or unmatched and outside the area range, are ignored. Boxes are compared as
 * {@link CocoBox}es, in double precision as pycocotools' {@code bbIou} does.
 */
final class ImageMatch {

    final float[] scores;
    /** [threshold][detection]: matched to a ground truth. */
    final boolean[][] matched;
    /** [threshold][detection]: neither true nor false positive. */
    final boolean[][] ignored;
    /** Ground truths that count (not crowd, inside the area range). */
    final int countedGroundTruths;

    ImageMatch(List<GroundTruthBox> gts, List<ScoredBox> dets, AreaRange range, int maxDets, double[] thresholds) {
        List<GroundTruthBox> gt = new ArrayList<>(gts);
        // Counted ground truths first, so a detection prefers them over ignored ones (stable, as numpy's mergesort).
        gt.sort(Comparator.comparing((GroundTruthBox g) -> ignore(g, range)));
        List<ScoredBox> dt = new ArrayList<>(dets);
        dt.sort((a, b) -> descending(a.score(), b.score()));
        dt = dt.subList(0, Math.min(maxDets, dt.size()));
        boolean[] gtIgnore = new boolean[gt.size()];
        int counted = 0;
        for (int g = 0; g < gt.size(); g++) {
            gtIgnore[g] = ignore(gt.get(g), range);
            counted += gtIgnore[g] ? 0 : 1;
        }
        this.countedGroundTruths = counted;
        this.scores = new float[dt.size()];
        CocoBox[] dtBoxes = new CocoBox[dt.size()];
        boolean[] dtOutsideRange = new boolean[dt.size()];
        for (int d = 0; d < dt.size(); d++) {
            scores[d] = dt.get(d).score();
            dtBoxes[d] = CocoBox.of(dt.get(d).box());
            dtOutsideRange[d] = !range.contains(dtBoxes[d].area());
        }
        this.matched = new boolean[thresholds.length][dt.size()];
        this.ignored = new boolean[thresholds.length][dt.size()];
        double[][] ious = ious(dtBoxes, gt);
        for (int t = 0; t < thresholds.length; t++) {
            match(t, thresholds[t], gt, gtIgnore, ious, dtOutsideRange);
        }
    }

    private void match(int t, double threshold, List<GroundTruthBox> gt, boolean[] gtIgnore, double[][] ious,
            boolean[] dtOutsideRange) {
        boolean[] gtTaken = new boolean[gt.size()];
        for (int d = 0; d < ious.length; d++) {
            double best = Math.min(threshold, 1 - 1e-10);
            int m = -1;
            for (int g = 0; g < gt.size(); g++) {
                if (gtTaken[g] && !gt.get(g).crowd()) {
                    continue;
                }
                if (m > -1 && !gtIgnore[m] && gtIgnore[g]) {
                    break; // counted ground truths come first: an ignored one never replaces a counted match
                }
                if (ious[d][g] < best) {
                    continue;
                }
                best = ious[d][g];
                m = g;
            }
            if (m == -1) {
                ignored[t][d] = dtOutsideRange[d];
                continue;
            }
            matched[t][d] = true;
            ignored[t][d] = gtIgnore[m];
            gtTaken[m] = true;
        }
    }

    private static boolean ignore(GroundTruthBox g, AreaRange range) {
        return g.crowd() || !range.contains(g.area());
    }

    /**
     * Score order as numpy's stable argsort of {@code -score} sorts: higher first, equal scores (0 and -0 too) in
     * their given order when used with a stable sort.
     */
    static int descending(float a, float b) {
        return a > b ? -1 : a < b ? 1 : 0;
    }

    private static double[][] ious(CocoBox[] dt, List<GroundTruthBox> gt) {
        double[][] out = new double[dt.length][gt.size()];
        for (int d = 0; d < dt.length; d++) {
            for (int g = 0; g < gt.size(); g++) {
                out[d][g] = dt[d].overlap(gt.get(g).box(), gt.get(g).crowd());
            }
        }
        return out;
    }
}
