package dev.autolabel.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Wilson and Clopper-Pearson intervals against values computed independently (closed forms, published tables). */
class IntervalMethodTest {

    @Test
    void normalQuantileMatchesTheKnownValues() {
        assertEquals(1.959963984540054, Normal.quantile(0.975), 1e-8);
        assertEquals(-1.6448536269514722, Normal.quantile(0.05), 1e-8);
        assertEquals(0.0, Normal.quantile(0.5), 1e-12);
        assertEquals(-3.090232306167813, Normal.quantile(0.001), 1e-7);
    }

    @Test
    void wilsonIntervals() {
        Interval a = IntervalMethod.WILSON.bounds(0.95, 100, 0.95);
        assertEquals(0.8882495307680808, a.lower(), 1e-8);
        assertEquals(0.9784563208456319, a.upper(), 1e-8);
        Interval b = IntervalMethod.WILSON.bounds(0.5, 10, 0.95);
        assertEquals(0.23659309051256405, b.lower(), 1e-8);
        assertEquals(0.763406909487436, b.upper(), 1e-8);
        // All 73 correct: the lower bound just reaches 0.95 (n = z^2 p / (1 - p)).
        assertEquals(0.950007992044269, IntervalMethod.WILSON.bounds(1.0, 73, 0.95).lower(), 1e-8);
        assertEquals(1.0, IntervalMethod.WILSON.bounds(1.0, 73, 0.95).upper(), 1e-12);
    }

    @Test
    void clopperPearsonIntervals() {
        Interval none = IntervalMethod.CLOPPER_PEARSON.bounds(0, 10, 0.95);
        assertEquals(0, none.lower());
        assertEquals(1 - Math.pow(0.025, 0.1), none.upper(), 1e-9);
        Interval all = IntervalMethod.CLOPPER_PEARSON.bounds(1, 10, 0.95);
        assertEquals(Math.pow(0.025, 0.1), all.lower(), 1e-9);
        assertEquals(1, all.upper());
        Interval half = IntervalMethod.CLOPPER_PEARSON.bounds(0.5, 10, 0.95);
        assertEquals(0.187086, half.lower(), 1e-6); // the classic table value for 5 of 10
        assertEquals(0.812914, half.upper(), 1e-6);
    }

    @Test
    void clopperPearsonIsWiderThanWilsonAndBothNarrowWithMoreTrials() {
        for (double p : new double[] {0.8, 0.95, 0.99}) {
            Interval w = IntervalMethod.WILSON.bounds(p, 200, 0.95);
            Interval cp = IntervalMethod.CLOPPER_PEARSON.bounds(p, 200, 0.95);
            assertTrue(cp.halfWidth() >= w.halfWidth(), p + ": " + cp + " vs " + w);
            assertTrue(IntervalMethod.WILSON.bounds(p, 2000, 0.95).halfWidth() < w.halfWidth());
        }
    }

    @Test
    void betaFunctionValues() {
        assertEquals(0.6875, Beta.cdf(0.5, 2, 3), 1e-12); // I_0.5(2, 3) = 11/16
        assertEquals(0.5, Beta.cdf(0.5, 7.5, 7.5), 1e-12);
        assertEquals(Math.log(24), Beta.logGamma(5), 1e-12);
        assertEquals(0.3, Beta.quantile(Beta.cdf(0.3, 4.2, 9.1), 4.2, 9.1), 1e-9);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> IntervalMethod.WILSON.bounds(1.2, 10, 0.95));
        assertThrows(IllegalArgumentException.class, () -> IntervalMethod.WILSON.bounds(0.5, 0, 0.95));
        assertThrows(IllegalArgumentException.class, () -> IntervalMethod.fromCliName("agresti"));
        assertEquals(IntervalMethod.CLOPPER_PEARSON, IntervalMethod.fromCliName("clopper-pearson"));
    }
}
