package dev.autolabel.calibration;

/**
 * The thresholds calibration considers: 0.00, 0.01, ..., 1.00 (101 steps). A score falls in bin {@code k} when it
 * passes threshold k/100 but not (k+1)/100, compared as the passes compare them (float score >= float threshold),
 * so a count at or above bin k is exactly what a run with threshold k/100 would keep.
 */
public final class ScoreGrid {

    /** Bins 0..100; bin 100 holds scores of exactly 1. */
    public static final int BINS = 101;

    private ScoreGrid() {
    }

    /** The threshold of bin {@code k}, as a config value parses to ("0.62" is 62 / 100f). */
    public static float threshold(int k) {
        if (k < 0 || k >= BINS) {
            throw new IllegalArgumentException("bin must be in 0..100, got " + k);
        }
        return k / 100f;
    }

    /** The highest bin whose threshold {@code score} passes. */
    public static int bin(float score) {
        if (!(score >= 0f && score <= 1f)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
        int k = Math.min(BINS - 1, (int) Math.floor(score * 100f));
        while (k < BINS - 1 && score >= threshold(k + 1)) {
            k++;
        }
        while (k > 0 && score < threshold(k)) {
            k--;
        }
        return k;
    }

    /** The lowest bin whose threshold is at least {@code threshold}: the first bin a run with it keeps. */
    public static int firstKept(float threshold) {
        int k = bin(threshold);
        return threshold(k) >= threshold ? k : k + 1;
    }
}
