package dev.autolabel.merge;

import dev.autolabel.detect.Box;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact fraction of a box's area covered by the union of other boxes. Overlapping cover boxes are counted
 * once (coordinate compression over the clipped boxes), so two pass-1 boxes that each cover half of a
 * pass-2 box together cover all of it.
 */
final class Coverage {

    private Coverage() {
    }

    static float fractionCovered(Box target, List<Box> covers) {
        float area = target.area();
        if (area <= 0f) {
            return 0f;
        }
        List<Box> clipped = new ArrayList<>();
        for (Box c : covers) {
            if (target.intersectionArea(c) > 0f) {
                clipped.add(new Box(Math.max(c.x1(), target.x1()), Math.max(c.y1(), target.y1()),
                        Math.min(c.x2(), target.x2()), Math.min(c.y2(), target.y2())));
            }
        }
        return clipped.isEmpty() ? 0f : (float) (unionArea(clipped) / area);
    }

    private static double unionArea(List<Box> boxes) {
        float[] xs = edges(boxes, true);
        float[] ys = edges(boxes, false);
        double total = 0;
        for (int i = 0; i + 1 < xs.length; i++) {
            for (int j = 0; j + 1 < ys.length; j++) {
                float cx = (xs[i] + xs[i + 1]) / 2f;
                float cy = (ys[j] + ys[j + 1]) / 2f;
                if (anyContains(boxes, cx, cy)) {
                    total += (double) (xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j]);
                }
            }
        }
        return total;
    }

    /** Sorted distinct x (or y) edges of the boxes. */
    private static float[] edges(List<Box> boxes, boolean horizontal) {
        float[] e = new float[boxes.size() * 2];
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            e[2 * i] = horizontal ? b.x1() : b.y1();
            e[2 * i + 1] = horizontal ? b.x2() : b.y2();
        }
        Arrays.sort(e);
        int n = 0;
        for (int i = 0; i < e.length; i++) {
            if (i == 0 || e[i] != e[n - 1]) {
                e[n++] = e[i];
            }
        }
        return Arrays.copyOf(e, n);
    }

    private static boolean anyContains(List<Box> boxes, float x, float y) {
        for (Box b : boxes) {
            if (x >= b.x1() && x < b.x2() && y >= b.y1() && y < b.y2()) {
                return true;
            }
        }
        return false;
    }
}
