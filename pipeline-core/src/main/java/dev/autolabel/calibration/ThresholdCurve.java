package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A pass-class's precision (and recall) against its score threshold, one point per threshold step from its lowest
 * labeled score up, as far as the reviews support an estimate. {@code reviewed} counts the class's reviewed sample
 * labels, {@code population} its labels in the run.
 */
public record ThresholdCurve(ClassKey key, long population, int reviewed, List<CurvePoint> points) {

    public ThresholdCurve {
        requireNonNull(key, "key");
        points = List.copyOf(requireNonNull(points, "points"));
    }

    /** The point at a threshold, if the curve has one there. */
    public Optional<CurvePoint> at(float threshold) {
        return points.stream().filter(p -> p.threshold() == threshold).findFirst();
    }

    /** The point at the lowest threshold: the run's labels as they are. */
    public Optional<CurvePoint> first() {
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(0));
    }
}
