package dev.autolabel.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import dev.autolabel.label.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Design-weighted precision, recall and the choice of thresholds, on samples whose answers are known. */
class PrecisionEstimatorTest {

    private static final ClassKey CAT = new ClassKey(Source.PRECISE, "cat");
    private static final PrecisionEstimator WILSON = new PrecisionEstimator(IntervalMethod.WILSON, 0.95);

    /**
     * A cat class with 100 labels at score 0.40 (band 0) and 900 at 0.80 (band 1); 10 drawn from each; of the drawn,
     * {@code correctLow} and {@code correctHigh} are correct. Each drawn label sits in its own image.
     */
    static ReviewSet set(int correctLow, int correctHigh) {
        Long[] histogram = new Long[ScoreGrid.BINS];
        java.util.Arrays.fill(histogram, 0L);
        histogram[40] = 100L;
        histogram[80] = 900L;
        ClassStrata strata = new ClassStrata(CAT, List.of(histogram), List.of(40, 70), List.of(10, 10));
        List<SampleImage> images = new ArrayList<>();
        List<ImageReview> reviews = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boolean low = i < 10;
            SampleLabel l = new SampleLabel(SampleLabel.idOf(i, 0), 0, CAT, low ? 0.40f : 0.80f, new Box(0, 0, 5, 5),
                    low ? 0 : 1, true);
            images.add(new SampleImage(i, "i" + i, "u" + i, 10, 10, List.of(l)));
            boolean correct = low ? i < correctLow : i - 10 < correctHigh;
            reviews.add(new ImageReview(i, Map.of(l.id(), correct ? Verdict.CORRECT : Verdict.REJECTED),
                    i == 0 ? Map.of("cat", 1) : Map.of()));
        }
        ReviewSample sample = new ReviewSample("s", "r", "out/r", 1, 10, 2, List.of(strata), images);
        return new ReviewSet("review-001", Instant.EPOCH, "coco", "gt.json", "00", 0.5, sample, reviews);
    }

    @Test
    void precisionIsWeightedByTheBandsSizes() {
        ThresholdCurve curve = WILSON.curves(set(2, 10)).get(CAT);

        CurvePoint all = curve.first().orElseThrow();
        assertEquals(0.40f, all.threshold());
        assertEquals(1000, all.labels());
        assertEquals(0.1 * 0.2 + 0.9 * 1.0, all.precision(), 1e-12, "not the unweighted 12/20");
        assertEquals(100 * 0.2 + 900, all.correctLabels(), 1e-9);
        // Variance 0.1^2 * 0.2 * 0.8 / 10 (the high band has none): far fewer effective reviews than 20 would mean.
        double variance = 0.01 * 0.16 / 10;
        assertEquals(Math.min(20, 0.92 * 0.08 / variance), all.effectiveReviews(), 1e-9);
        CurvePoint high = curve.at(0.41f).orElseThrow();
        assertEquals(900, high.labels());
        assertEquals(1.0, high.precision());
        assertEquals(10, high.reviewed());
        assertEquals(IntervalMethod.WILSON.bounds(1.0, 10, 0.95), high.interval());
        assertEquals(41, curve.points().size(), "0.40 to 0.80, one point per step; none above the top score");
    }

    @Test
    void recallCountsTheMissedObjectsOfReviewedImagesByTheirInclusionProbability() {
        ReviewSet set = set(2, 10);
        // Image 0 holds one band-0 label: drawn with probability 10/100, so its missed cat stands for 10.
        assertEquals(0.1, PrecisionEstimator.inclusionProbability(set.sample().image(0).orElseThrow(),
                set.sample().strataByClass()), 1e-12);
        CurvePoint all = WILSON.curves(set).get(CAT).first().orElseThrow();
        assertEquals(920 / (920 + 10.0), all.recall().getAsDouble(), 1e-9);
        CurvePoint high = WILSON.curves(set).get(CAT).at(0.5f).orElseThrow();
        assertEquals(900 / 930.0, high.recall().getAsDouble(), 1e-9);
    }

    @Test
    void inclusionProbabilityMatchesCountingTheDraws() {
        // A band of 6 labels, 2 drawn; an image holding 2 of them is in the sample unless both draws miss it:
        // 1 - C(4, 2) / C(6, 2) = 1 - 6/15.
        Long[] h = new Long[ScoreGrid.BINS];
        java.util.Arrays.fill(h, 0L);
        h[50] = 6L;
        ClassStrata s = new ClassStrata(CAT, List.of(h), List.of(50), List.of(2));
        SampleImage image = new SampleImage(0, "i", "u", 10, 10, List.of(
                new SampleLabel("r0d0", 0, CAT, 0.5f, new Box(0, 0, 1, 1), 0, true),
                new SampleLabel("r0d1", 1, CAT, 0.5f, new Box(0, 0, 1, 1), 0, false)));
        assertEquals(1 - 6.0 / 15, PrecisionEstimator.inclusionProbability(image, Map.of(CAT, s)), 1e-12);
    }

    @Test
    void calibrationPicksTheLowestThresholdWhoseLowerBoundMeetsTheTarget() {
        ClassDecision d = new Calibrator(0.72, 10, WILSON).decide(set(0, 10)).get(0);

        assertEquals(ClassDecision.Outcome.CALIBRATED, d.outcome());
        // At 0.40: precision 0.9 from 20 reviews, Wilson lower bound 0.699; from 0.41 only the 900 high-band labels
        // remain: 10 of 10 correct, lower bound 0.722.
        assertEquals(0.699, d.curve().first().orElseThrow().interval().lower(), 1e-3);
        assertEquals(0.41f, d.threshold().orElseThrow());
    }

    @Test
    void aClassBelowTheTargetEverywhereIsSwitchedOffAndAThinOneIsUndecided() {
        ClassDecision off = new Calibrator(0.95, 10, WILSON).decide(set(0, 5)).get(0);
        assertEquals(ClassDecision.Outcome.OFF, off.outcome());
        assertTrue(off.reason().contains("below 95.0% at every threshold"), off.reason());

        ClassDecision thin = new Calibrator(0.95, 10, WILSON).decide(set(2, 10)).get(0);
        assertEquals(ClassDecision.Outcome.UNDECIDED, thin.outcome(), "10 of 10 correct cannot state 95%");
        assertEquals(0.41f, thin.moreReviewsAbove().orElseThrow());
        // 73 correct of 73 give a Wilson lower bound of 0.95: 63 more than the 10 reviewed above 0.41.
        assertEquals(63, thin.moreReviews().getAsLong());

        ClassDecision few = new Calibrator(0.7, 30, WILSON).decide(set(2, 10)).get(0);
        assertEquals(ClassDecision.Outcome.UNDECIDED, few.outcome());
        assertTrue(few.reason().startsWith("only 20 reviewed labels"), few.reason());
    }

    @Test
    void theConfigFileSetsDecidedClassesOnlyAndRecordsTheReviewSet() {
        ClassKey dog = new ClassKey(Source.OPEN_VOCAB, "hot dog");
        ThresholdCurve empty = new ThresholdCurve(dog, 0, 0, List.of());
        ClassDecision cat = new Calibrator(0.72, 10, WILSON).decide(set(0, 10)).get(0);
        ClassDecision off = new ClassDecision(dog, ClassDecision.Outcome.OFF, java.util.Optional.empty(), "bad",
                java.util.OptionalLong.empty(), java.util.Optional.empty(), empty);
        CalibrationResult result = new CalibrationResult("calibration-001", Instant.EPOCH, "out/r",
                "out/r/reviews/review-001.json", "ab".repeat(32), 0.7, IntervalMethod.WILSON, 0.95, 10, false,
                List.of(cat, off));

        String text = CalibrationConfig.render(result);

        com.typesafe.config.Config parsed = com.typesafe.config.ConfigFactory.parseString(text);
        assertEquals(0.41, parsed.getDouble("autolabel.precision.class-thresholds.cat"), 1e-9);
        assertEquals(List.of("hot dog"), parsed.getStringList("autolabel.open-vocab.disabled-labels"));
        assertEquals("ab".repeat(32), parsed.getString("autolabel.calibration.review-set-sha256"));
        assertEquals(0.7, parsed.getDouble("autolabel.calibration.target-precision"), 1e-12);
        assertEquals((float) 0.41, (float) parsed.getDouble("autolabel.precision.class-thresholds.cat"));
    }

    @Test
    void aCalibrationRoundTripsThroughJson() throws Exception {
        Calibrator calibrator = new Calibrator(0.7, 10, new PrecisionEstimator(IntervalMethod.CLOPPER_PEARSON, 0.9));
        CalibrationResult result = new CalibrationResult("calibration-002", Instant.parse("2026-01-02T03:04:05Z"), "out/r",
                "out/r/reviews/review-001.json", "cd".repeat(32), 0.7, IntervalMethod.CLOPPER_PEARSON, 0.9, 10, true,
                calibrator.decide(set(2, 10)));

        CalibrationResult back = CalibrationJson.read(CalibrationJson.write(result), "c.json");

        assertEquals(result.decisions().get(0).threshold(), back.decisions().get(0).threshold());
        assertEquals(result.decisions().get(0).curve().points().size(), back.decisions().get(0).curve().points().size());
        assertEquals(result.decisions().get(0).curve().points().get(3), back.decisions().get(0).curve().points().get(3));
        assertEquals(result.method(), back.method());
        assertEquals(result.undecidedOff(), back.undecidedOff());
    }
}
