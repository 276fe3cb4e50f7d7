package dev.autolabel.quality;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.calibration.ClassKey;
import dev.autolabel.calibration.CurvePoint;
import dev.autolabel.calibration.GroundTruthJudge;
import dev.autolabel.calibration.ImageReview;
import dev.autolabel.calibration.IntervalMethod;
import dev.autolabel.calibration.PrecisionEstimator;
import dev.autolabel.calibration.ReviewSample;
import dev.autolabel.calibration.ReviewSet;
import dev.autolabel.calibration.SampleImage;
import dev.autolabel.calibration.ScoreCensus;
import dev.autolabel.calibration.StratifiedSampler;
import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.label.LabeledImage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Done-when of issue 13: the precision estimated from a stratified sample of at most 300 reviewed boxes lies within
 * its stated interval of the true precision (every label of the run on the full test set judged) for at least 90% of
 * the pass-classes, over 20 sample seeds. The run is conf/quality-bench.conf on the committed test set; reviews are
 * the ground truth's verdicts (what `review import --coco` stores). Prints the table per class.
 */
class PrecisionCoverageBenchmarkTest {

    static final int MAX_REVIEWS = 300;
    static final int SEEDS = 20;

    @Test
    void estimatesFromAtMost300ReviewsCoverTheTruePrecision() throws IOException {
        AutolabelConfig config = QualityBenchmarkTest.benchConfig();
        CocoGroundTruth truth = QualityBenchmarkTest.testSet();
        List<LabeledImage> rows = new BenchmarkLabels(config, truth, QualityBenchmarkTest.TEST_SET)
                .label(config.precision().params(), config.openVocab().orElseThrow().params());
        Map<ClassKey, LabelTruth.Counts> exact = new LabelTruth(rows, truth).perClass();
        ScoreCensus census = new ScoreCensus();
        rows.forEach(census::add);
        int perClass = MAX_REVIEWS / census.histograms().size();
        PrecisionEstimator estimator = new PrecisionEstimator(IntervalMethod.WILSON, 0.95);
        GroundTruthJudge judge = new GroundTruthJudge(truth, 0.5);
        Map<ClassKey, int[]> covered = new TreeMap<>();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%-20s %6s %9s %7s %8s %-26s%n", "pass/class", "labels", "true P", "drawn", "covered", "seed 1: estimate [interval]"));
        for (long seed = 1; seed <= SEEDS; seed++) {
            StratifiedSampler sampler = new StratifiedSampler(census, "bench", "bench", seed, perClass, 4);
            for (int i = 0; i < rows.size(); i++) {
                sampler.offer(i, rows.get(i));
            }
            ReviewSample sample = sampler.sample();
            assertTrue(sample.sampledLabels() <= MAX_REVIEWS, sample.sampledLabels() + " reviews");
            List<ImageReview> reviews = new ArrayList<>();
            for (SampleImage image : sample.images()) {
                reviews.add(judge.judge(image).orElseThrow());
            }
            ReviewSet set = new ReviewSet("review-001", Instant.EPOCH, "coco", "instances.json", "-", 0.5, sample, reviews);
            for (var e : estimator.curves(set).entrySet()) {
                CurvePoint all = e.getValue().first().orElseThrow();
                boolean inside = all.interval().contains(exact.get(e.getKey()).precision());
                int[] c = covered.computeIfAbsent(e.getKey(), k -> new int[3]);
                c[0] += inside ? 1 : 0;
                c[1]++;
                if (seed == 1) {
                    c[2] = e.getValue().reviewed();
                    table.append(String.format(Locale.ROOT, "%-20s %6d %9.3f %7d %8s %.3f [%.3f, %.3f]%n", e.getKey(),
                            exact.get(e.getKey()).total(), exact.get(e.getKey()).precision(), c[2], "%" + e.getKey(),
                            all.precision(), all.interval().lower(), all.interval().upper()));
                }
            }
        }
        String out = table.toString();
        int in = 0;
        int all = 0;
        int sampledIn = 0;
        int sampledAll = 0;
        for (var e : covered.entrySet()) {
            out = out.replace("%" + e.getKey(), e.getValue()[0] + "/" + e.getValue()[1]);
            in += e.getValue()[0];
            all += e.getValue()[1];
            if (e.getValue()[2] < exact.get(e.getKey()).total()) { // not a census: an estimate from part of the class
                sampledIn += e.getValue()[0];
                sampledAll += e.getValue()[1];
            }
        }
        System.out.print(out);
        System.out.printf(Locale.ROOT, "covered: %d of %d class estimates (%.1f%%) over %d seeds, %d labels drawn per class"
                + " (at most %d in all); classes sampled in part: %d of %d (%.1f%%)%n", in, all, 100.0 * in / all, SEEDS,
                perClass, MAX_REVIEWS, sampledIn, sampledAll, 100.0 * sampledIn / sampledAll);
        assertTrue(sampledIn >= 0.9 * sampledAll, sampledIn + " of " + sampledAll + " covered");
        assertTrue(in >= 0.9 * all, in + " of " + all + " covered");
    }
}
