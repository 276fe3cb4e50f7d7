package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One pass-class's labels in a run and how the review sample cut them: {@code histogram} counts the labels per
 * score bin ({@link ScoreGrid}); score bands (the strata) start at the bins in {@code bandStarts} (ascending, the
 * last band ending at bin 100); {@code sampleSizes} are the labels drawn from each band, uniformly at random without
 * replacement. Each drawn label stands for population / drawn labels of its band (its sampling weight).
 */
public record ClassStrata(ClassKey key, List<Long> histogram, List<Integer> bandStarts, List<Integer> sampleSizes) {

    public ClassStrata {
        requireNonNull(key, "key");
        histogram = List.copyOf(requireNonNull(histogram, "histogram"));
        bandStarts = List.copyOf(requireNonNull(bandStarts, "bandStarts"));
        sampleSizes = List.copyOf(requireNonNull(sampleSizes, "sampleSizes"));
        if (histogram.size() != ScoreGrid.BINS) {
            throw new IllegalArgumentException(key + ": histogram needs " + ScoreGrid.BINS + " bins, got " + histogram.size());
        }
        if (bandStarts.isEmpty() || bandStarts.size() != sampleSizes.size()) {
            throw new IllegalArgumentException(key + ": one sample size per band needed");
        }
        for (int b = 0; b < bandStarts.size(); b++) {
            int end = bandEnd(bandStarts, b);
            if (bandStarts.get(b) < 0 || bandStarts.get(b) >= end) {
                throw new IllegalArgumentException(key + ": bands must start at increasing bins, got " + bandStarts);
            }
            if (sampleSizes.get(b) < 0 || sampleSizes.get(b) > count(histogram, bandStarts.get(b), end)) {
                throw new IllegalArgumentException(key + ": band " + b + " draws " + sampleSizes.get(b)
                        + " labels of " + count(histogram, bandStarts.get(b), end));
            }
        }
        if (count(histogram, 0, bandStarts.get(0)) != 0) {
            throw new IllegalArgumentException(key + ": labels below the first band");
        }
    }

    public int bands() {
        return bandStarts.size();
    }

    /** First bin after band {@code b}. */
    public int bandEnd(int b) {
        return bandEnd(bandStarts, b);
    }

    /** The band holding bin {@code k}. */
    public int bandOf(int k) {
        for (int b = bands() - 1; b >= 0; b--) {
            if (k >= bandStarts.get(b)) {
                return b;
            }
        }
        throw new IllegalArgumentException(key + ": bin " + k + " is below the first band");
    }

    /** Labels of band {@code b}. */
    public long population(int b) {
        return count(histogram, bandStarts.get(b), bandEnd(b));
    }

    /** Labels of band {@code b} that a threshold at bin {@code k} keeps. */
    public long populationAtOrAbove(int b, int k) {
        return count(histogram, Math.max(k, bandStarts.get(b)), bandEnd(b));
    }

    /** All labels of the class a threshold at bin {@code k} keeps. */
    public long populationAtOrAbove(int k) {
        return count(histogram, Math.max(0, k), ScoreGrid.BINS);
    }

    public long population() {
        return populationAtOrAbove(0);
    }

    /** How many of the band's labels one label drawn from it stands for: labels of the band / labels drawn. */
    public double weight(int b) {
        return sampleSizes.get(b) == 0 ? 0 : (double) population(b) / sampleSizes.get(b);
    }

    /** Labels drawn from the class, all bands. */
    public int sampled() {
        return sampleSizes.stream().mapToInt(Integer::intValue).sum();
    }

    /** The lowest bin holding a label: below it, calibration has nothing to go on. */
    public int lowestBin() {
        for (int k = 0; k < ScoreGrid.BINS; k++) {
            if (histogram.get(k) > 0) {
                return k;
            }
        }
        return bandStarts.get(0);
    }

    private static int bandEnd(List<Integer> starts, int b) {
        return b + 1 < starts.size() ? starts.get(b + 1) : ScoreGrid.BINS;
    }

    private static long count(List<Long> histogram, int from, int to) {
        long n = 0;
        for (int k = from; k < to; k++) {
            n += histogram.get(k);
        }
        return n;
    }
}
