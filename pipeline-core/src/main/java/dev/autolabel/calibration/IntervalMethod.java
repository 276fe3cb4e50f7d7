package dev.autolabel.calibration;

import java.util.Locale;

/**
 * How a proportion's confidence interval is computed from an estimate {@code p} and a (possibly effective, so
 * fractional) number of trials {@code n}. Two-sided, at {@code confidence} (e.g. 0.95: 2.5% in each tail).
 * Weighted estimates from a stratified sample enter with Kish's effective sample size, the way Korn and Graubard
 * (1998) adapt both intervals to complex samples.
 */
public enum IntervalMethod {

    /** Wilson's score interval: good coverage near 0 and 1, where precision estimates live. */
    WILSON {
        @Override
        public Interval bounds(double p, double n, double confidence) {
            check(p, n, confidence);
            double z = Normal.quantile(1 - (1 - confidence) / 2);
            double z2n = z * z / n;
            double centre = (p + z2n / 2) / (1 + z2n);
            double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z2n / (4 * n));
            // At p = 0 (1) the lower (upper) bound is exactly 0 (1); the formula leaves a rounding residue.
            return clamped(p == 0 ? 0 : centre - half, p == 1 ? 1 : centre + half);
        }
    },

    /** Clopper-Pearson's exact interval from Beta quantiles (conservative: coverage at least the level). */
    CLOPPER_PEARSON {
        @Override
        public Interval bounds(double p, double n, double confidence) {
            check(p, n, confidence);
            double alpha = 1 - confidence;
            double x = p * n;
            double lower = x <= 0 ? 0 : Beta.quantile(alpha / 2, x, n - x + 1);
            double upper = x >= n ? 1 : Beta.quantile(1 - alpha / 2, x + 1, n - x);
            return clamped(lower, upper);
        }
    };

    /** The interval for estimate {@code p} from {@code n} (effective) trials at two-sided {@code confidence}. */
    public abstract Interval bounds(double p, double n, double confidence);

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static IntervalMethod fromCliName(String name) {
        for (IntervalMethod m : values()) {
            if (m.cliName().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("interval must be wilson or clopper-pearson, got '" + name + "'");
    }

    private static void check(double p, double n, double confidence) {
        if (!(p >= 0 && p <= 1) || !(n > 0) || !(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("need p in [0, 1], n > 0 and confidence in (0, 1); got p=" + p + ", n=" + n
                    + ", confidence=" + confidence);
        }
    }

    private static Interval clamped(double lower, double upper) {
        double lo = Math.max(0, Math.min(1, lower));
        return new Interval(lo, Math.max(lo, Math.min(1, upper)));
    }
}
