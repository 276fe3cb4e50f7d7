package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Estimates each pass-class's precision and recall against its threshold from a {@link ReviewSet}, weighting by the
 * sampling design. For a threshold t, each score band h contributes the run's labels it keeps, N_h(t) (known exactly
 * from the census), times the share correct among its reviewed labels at or above t (the band's whole reviewed share
 * when none of them is at or above t); precision is the sum over the labels kept, its variance
 * sum (N_h(t)/N(t))^2 p_h (1 - p_h) / m_h. The interval uses Kish's effective number of reviews
 * p (1 - p) / variance, never more than the reviews used. No finite-population correction: the estimate is for
 * labels like these, as the next run will make, not only for this run's. A band with labels but no review counts as
 * all wrong (a conservative gap, never a silent one).
 *
 * <p>Recall of a class c at threshold t of pass s: (correct labels pass s keeps at t + correct labels of c from the
 * other pass) / (correct labels of c from both passes + objects the run missed). Missed objects are estimated by
 * Horvitz-Thompson over the reviewed images: each image's missed objects divided by its probability of being in the
 * sample (one minus the chance that none of its labels was drawn, computed from the design). Images without any label
 * cannot be drawn, so objects missed there are not counted: recall is an upper estimate.
 */
public final class PrecisionEstimator {

    private final IntervalMethod method;
    private final double confidence;

    /** A reviewed sample label, reduced to what estimation needs. */
    private record Reviewed(int bin, int band, boolean correct) {
    }

    public PrecisionEstimator(IntervalMethod method, double confidence) {
        this.method = requireNonNull(method, "method");
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        this.confidence = confidence;
    }

    public IntervalMethod method() {
        return method;
    }

    public double confidence() {
        return confidence;
    }

    /** One curve per pass-class of the sample, with recall where the reviews allow it. */
    public Map<ClassKey, ThresholdCurve> curves(ReviewSet set) {
        Map<String, Verdict> verdicts = set.sampledVerdicts();
        Map<ClassKey, List<Reviewed>> reviewed = new HashMap<>();
        for (SampleImage image : set.sample().images()) {
            for (SampleLabel l : image.sampledLabels()) {
                Verdict v = verdicts.get(l.id());
                if (v != null) {
                    reviewed.computeIfAbsent(l.key(), k -> new ArrayList<>())
                            .add(new Reviewed(ScoreGrid.bin(l.score()), l.band(), v == Verdict.CORRECT));
                }
            }
        }
        Map<ClassKey, ThresholdCurve> curves = new TreeMap<>();
        for (ClassStrata strata : set.sample().classes()) {
            curves.put(strata.key(), curve(strata, reviewed.getOrDefault(strata.key(), List.of())));
        }
        return withRecall(curves, missedObjects(set));
    }

    private ThresholdCurve curve(ClassStrata strata, List<Reviewed> reviews) {
        List<CurvePoint> points = new ArrayList<>();
        for (int k = strata.lowestBin(); k < ScoreGrid.BINS; k++) {
            long kept = strata.populationAtOrAbove(k);
            if (kept == 0) {
                break;
            }
            estimate(strata, reviews, k, kept).ifPresent(points::add);
        }
        return new ThresholdCurve(strata.key(), strata.population(), reviews.size(), points);
    }

    private java.util.Optional<CurvePoint> estimate(ClassStrata strata, List<Reviewed> reviews, int k, long kept) {
        double precision = 0;
        double variance = 0;
        double correct = 0;
        int used = 0;
        int above = 0;
        for (int b = 0; b < strata.bands(); b++) {
            long n = strata.populationAtOrAbove(b, k);
            if (n == 0) {
                continue;
            }
            int[] inBand = counts(reviews, b, k);
            if (inBand[0] == 0) {
                inBand = counts(reviews, b, 0);
            } else {
                above += inBand[0];
            }
            double share = (double) n / kept;
            if (inBand[0] > 0) {
                double p = (double) inBand[1] / inBand[0];
                precision += share * p;
                variance += share * share * p * (1 - p) / inBand[0];
                correct += n * p;
                used += inBand[0];
            }
        }
        if (used == 0) {
            return java.util.Optional.empty();
        }
        precision = Math.min(1, Math.max(0, precision));
        double effective = variance > 0 ? Math.min(used, precision * (1 - precision) / variance) : used;
        return java.util.Optional.of(new CurvePoint(ScoreGrid.threshold(k), kept, above, precision,
                method.bounds(precision, effective, confidence), effective, correct, OptionalDouble.empty()));
    }

    /** {reviewed, correct} in band {@code b} among labels at or above bin {@code k}. */
    private static int[] counts(List<Reviewed> reviews, int b, int k) {
        int[] out = new int[2];
        for (Reviewed r : reviews) {
            if (r.band() == b && r.bin() >= k) {
                out[0]++;
                out[1] += r.correct() ? 1 : 0;
            }
        }
        return out;
    }

    /** Horvitz-Thompson estimate of the objects the run missed, by class name, over the reviewed images. */
    static Map<String, Double> missedObjects(ReviewSet set) {
        Map<ClassKey, ClassStrata> strata = set.sample().strataByClass();
        Map<String, Double> missed = new TreeMap<>();
        for (ImageReview review : set.reviews()) {
            double inclusion = inclusionProbability(set.sample().image(review.row()).orElseThrow(), strata);
            review.missed().forEach((label, n) -> missed.merge(label, n / inclusion, Double::sum));
        }
        return missed;
    }

    /** The chance that at least one of the image's labels was drawn, under the stratified design. */
    static double inclusionProbability(SampleImage image, Map<ClassKey, ClassStrata> strata) {
        Map<ClassKey, int[]> perBand = new HashMap<>();
        for (SampleLabel l : image.labels()) {
            perBand.computeIfAbsent(l.key(), k -> new int[strata.get(k).bands()])[l.band()]++;
        }
        double none = 1;
        for (Map.Entry<ClassKey, int[]> e : perBand.entrySet()) {
            ClassStrata s = strata.get(e.getKey());
            for (int b = 0; b < s.bands(); b++) {
                long population = s.population(b);
                int drawn = s.sampleSizes().get(b);
                int mine = e.getValue()[b];
                for (int j = 0; j < drawn && none > 0; j++) {
                    none *= Math.max(0.0, (double) (population - mine - j) / (population - j));
                }
            }
        }
        return 1 - none;
    }

    private static Map<ClassKey, ThresholdCurve> withRecall(Map<ClassKey, ThresholdCurve> curves,
            Map<String, Double> missed) {
        Map<String, Double> correctAll = new HashMap<>();
        curves.values().forEach(c -> c.first().ifPresent(p -> correctAll.merge(c.key().label(), p.correctLabels(), Double::sum)));
        Map<ClassKey, ThresholdCurve> out = new TreeMap<>();
        curves.forEach((key, curve) -> {
            double objects = correctAll.getOrDefault(key.label(), 0.0) + missed.getOrDefault(key.label(), 0.0);
            double others = correctAll.getOrDefault(key.label(), 0.0) - curve.first().map(CurvePoint::correctLabels).orElse(0.0);
            List<CurvePoint> points = curve.points().stream().map(p -> p.withRecall(objects > 0
                    ? OptionalDouble.of(Math.min(1, (p.correctLabels() + others) / objects)) : OptionalDouble.empty())).toList();
            out.put(key, new ThresholdCurve(key, curve.population(), curve.reviewed(), points));
        });
        return out;
    }
}
