package dev.autolabel.quality;

import dev.autolabel.detect.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * pycocotools' {@code evaluateImg} for one image, one category, one area range and a detection cap: detections in
 * descending score order, each greedily matched per IoU threshold to the best still-free ground truth (crowd regions
 * may take many, and match by intersection over the detection's area). Detections matched to ignored ground truth, or
 * unmatched and outside the area range, are ignored.
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
        dt.sort(Comparator.comparingDouble((ScoredBox d) -> d.score()).reversed());
        dt = dt.subList(0, Math.min(maxDets, dt.size()));
        boolean[] gtIgnore = new boolean[gt.size()];
        int counted = 0;
        for (int g = 0; g < gt.size(); g++) {
            gtIgnore[g] = ignore(gt.get(g), range);
            counted += gtIgnore[g] ? 0 : 1;
        }
        this.countedGroundTruths = counted;
        this.scores = new float[dt.size()];
        for (int d = 0; d < dt.size(); d++) {
            scores[d] = dt.get(d).score();
        }
        this.matched = new boolean[thresholds.length][dt.size()];
        this.ignored = new boolean[thresholds.length][dt.size()];
        double[][] ious = ious(dt, gt);
        for (int t = 0; t < thresholds.length; t++) {
            match(t, thresholds[t], dt, gt, gtIgnore, ious, range);
        }
    }

    private void match(int t, double threshold, List<ScoredBox> dt, List<GroundTruthBox> gt, boolean[] gtIgnore,
            double[][] ious, AreaRange range) {
        boolean[] gtTaken = new boolean[gt.size()];
        for (int d = 0; d < dt.size(); d++) {
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
                ignored[t][d] = !range.contains(dt.get(d).box().area());
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

    /** IoU, or for crowd ground truth the intersection over the detection's own area. */
    private static double[][] ious(List<ScoredBox> dt, List<GroundTruthBox> gt) {
        double[][] out = new double[dt.size()][gt.size()];
        for (int d = 0; d < dt.size(); d++) {
            Box a = dt.get(d).box();
            for (int g = 0; g < gt.size(); g++) {
                Box b = gt.get(g).box();
                double inter = a.intersectionArea(b);
                double union = gt.get(g).crowd() ? a.area() : a.area() + b.area() - inter;
                out[d][g] = union <= 0 ? 0 : inter / union;
            }
        }
        return out;
    }
}
