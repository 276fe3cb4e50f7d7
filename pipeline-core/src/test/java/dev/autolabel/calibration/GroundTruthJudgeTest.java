package dev.autolabel.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autolabel.detect.Box;
import dev.autolabel.label.Source;
import dev.autolabel.quality.CocoGroundTruth;
import dev.autolabel.quality.CocoImage;
import dev.autolabel.quality.GroundTruthBox;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reviews simulated from COCO ground truth: what a careful reviewer does with each label. */
class GroundTruthJudgeTest {

    private static final ClassKey CAR = new ClassKey(Source.PRECISE, "car");

    private static final CocoGroundTruth TRUTH = new CocoGroundTruth(List.of(new CocoImage(7, "images/a.jpg", 100, 100)),
            Map.of(1, "car", 2, "bus"), List.of(GroundTruthBox.of(7, 1, new Box(0, 0, 20, 20)),
                    GroundTruthBox.of(7, 1, new Box(50, 50, 70, 70)), GroundTruthBox.of(7, 2, new Box(30, 0, 50, 20))));

    private static SampleLabel car(String id, float score, Box box) {
        return new SampleLabel(id, 0, CAR, score, box, 0, true);
    }

    @Test
    void eachLabelIsKeptRelabeledMovedOrDeletedAndUnfoundObjectsAreMissed() {
        SampleImage image = new SampleImage(0, "a", "s3://b/images/a.jpg", 100, 100, List.of(
                car("exact", 0.9f, new Box(0, 0, 20, 20)),
                car("duplicate", 0.8f, new Box(1, 1, 20, 20)),
                car("onTheBus", 0.7f, new Box(30, 0, 50, 21)),
                car("loose", 0.6f, new Box(50, 50, 90, 90)),
                new SampleLabel("ring", 0, new ClassKey(Source.OPEN_VOCAB, "ring"), 0.9f, new Box(0, 0, 5, 5), 0, true)));

        ImageReview review = new GroundTruthJudge(TRUTH, 0.5).judge(image).orElseThrow();

        assertEquals(Map.of("exact", Verdict.CORRECT, "duplicate", Verdict.REJECTED, "onTheBus", Verdict.WRONG_LABEL,
                "loose", Verdict.MISPLACED), review.verdicts(), "a class the ground truth lacks gets no verdict");
        assertEquals(Map.of("car", 1, "bus", 1), review.missed());
    }

    @Test
    void anImageTheGroundTruthLacksIsNotReviewed() {
        SampleImage other = new SampleImage(0, "zz", "s3://b/images/zz.jpg", 100, 100, List.of(car("x", 0.9f, new Box(0, 0, 1, 1))));
        assertEquals(Optional.empty(), new GroundTruthJudge(TRUTH, 0.5).judge(other));
    }
}
