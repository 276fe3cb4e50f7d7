package dev.autolabel.calibration;

/** A confidence interval for a proportion: {@code lower <= upper}, both in [0, 1]. */
public record Interval(double lower, double upper) {

    public Interval {
        if (!(lower >= 0 && upper <= 1 && lower <= upper)) {
            throw new IllegalArgumentException("not an interval in [0, 1]: [" + lower + ", " + upper + "]");
        }
    }

    public boolean contains(double p) {
        return p >= lower && p <= upper;
    }

    public double halfWidth() {
        return (upper - lower) / 2;
    }
}
