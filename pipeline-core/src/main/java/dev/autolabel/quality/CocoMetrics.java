package dev.autolabel.quality;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * COCO detection metrics: the twelve numbers pycocotools' {@code COCOeval.summarize()} prints (see {@link #stats()}).
 * A value of -1 means "undefined": no ground truth in that bucket (as pycocotools). {@code apPerCategory} is
 * AP@[.5:.95] (area all, 100 detections) per category id. {@code precision}, {@code recall} and {@code f1} describe
 * the operating point: every given detection kept, matched at IoU 0.5.
 */
public record CocoMetrics(double ap, double ap50, double ap75, double apSmall, double apMedium, double apLarge,
        double ar1, double ar10, double ar100, double arSmall, double arMedium, double arLarge,
        Map<Integer, Double> apPerCategory, long truePositives, long falsePositives, long groundTruths) {

    public CocoMetrics {
        apPerCategory = new TreeMap<>(requireNonNull(apPerCategory, "apPerCategory"));
    }

    /** The summary in the order of pycocotools' {@code COCOeval.stats}: AP, AP50, AP75, AP S/M/L, AR1, AR10, AR100, AR S/M/L. */
    public double[] stats() {
        return new double[] {ap, ap50, ap75, apSmall, apMedium, apLarge, ar1, ar10, ar100, arSmall, arMedium, arLarge};
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
