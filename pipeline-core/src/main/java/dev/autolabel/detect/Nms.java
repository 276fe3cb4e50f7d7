package dev.autolabel.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Greedy non-maximum suppression. Ties in score keep the earlier detection, so results are deterministic. */
public final class Nms {

    private static final Comparator<Detection> BY_SCORE_DESC = Comparator.comparingDouble((Detection d) -> d.score()).reversed();

    private Nms() {
    }

    /** Suppresses overlapping boxes regardless of class. Result is sorted by descending score. */
    public static List<Detection> classAgnostic(List<Detection> detections, float iouThreshold) {
        checkThreshold(iouThreshold);
        List<Detection> sorted = new ArrayList<>(detections);
        sorted.sort(BY_SCORE_DESC);
        List<Detection> kept = new ArrayList<>();
        for (Detection candidate : sorted) {
            if (kept.stream().noneMatch(k -> k.box().iou(candidate.box()) > iouThreshold)) {
                kept.add(candidate);
            }
        }
        return List.copyOf(kept);
    }

    /** Suppresses overlapping boxes only within the same class id. Result is sorted by descending score. */
    public static List<Detection> classAware(List<Detection> detections, float iouThreshold) {
        checkThreshold(iouThreshold);
        Map<Integer, List<Detection>> byClass = new LinkedHashMap<>();
        for (Detection d : detections) {
            byClass.computeIfAbsent(d.classId(), k -> new ArrayList<>()).add(d);
        }
        List<Detection> kept = new ArrayList<>();
        for (List<Detection> group : byClass.values()) {
            kept.addAll(classAgnostic(group, iouThreshold));
        }
        kept.sort(BY_SCORE_DESC);
        return List.copyOf(kept);
    }

    private static void checkThreshold(float iouThreshold) {
        if (!(iouThreshold >= 0f && iouThreshold <= 1f)) {
            throw new IllegalArgumentException("NMS IoU threshold must be in [0, 1], got " + iouThreshold);
        }
    }
}
