package dev.autolabel.quality;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * COCO detection metrics. A value of -1 means "undefined": no ground truth in that bucket (as pycocotools).
 * {@code apPerCategory} is AP@[.5:.95] per category id. {@code precision}, {@code recall} and {@code f1} describe
 * the operating point: every given detection kept, matched at IoU 0.5. {@code arSmall}, {@code arMedium} and
 * {@code arLarge} are AR at 100 detections per image by area range (pycocotools' last three stats).
 */
public record CocoMetrics(double ap, double ap50, double ap75, double apSmall, double apMedium, double apLarge,
        double ar1, double ar10, double ar100, double arSmall, double arMedium, double arLarge,
        Map<Integer, Double> apPerCategory, long truePositives,
        long falsePositives, long groundTruths) {

    public CocoMetrics {
        apPerCategory = new TreeMap<>(requireNonNull(apPerCategory, "apPerCategory"));
    }

    public double precision() {
        long kept = truePositives + falsePositives;
        return kept == 0 ? 0 : (double) truePositives / kept;
    }

    public double recall() {
        return groundTruths == 0 ? 0 : (double) truePositives / groundTruths;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
