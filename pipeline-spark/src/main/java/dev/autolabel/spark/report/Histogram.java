package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.Source;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of values in equal-width bins over {@code [min, max]}; values outside are clamped into the first or
 * last bin, so the total is the number of values added. Fixed bins keep memory constant whatever the run size.
 */
public record Histogram(double min, double max, List<Long> counts) {

    public Histogram {
        counts = List.copyOf(requireNonNull(counts, "counts"));
        if (!(max > min) || counts.isEmpty()) {
            throw new IllegalArgumentException("a histogram needs max > min and at least one bin");
        }
    }

    /** A copy of {@code bySource}, checked to hold a histogram for every source. */
    static Map<Source, Histogram> perSource(Map<Source, Histogram> bySource) {
        Map<Source, Histogram> copy = new EnumMap<>(requireNonNull(bySource, "scores"));
        for (Source source : Source.values()) {
            if (!copy.containsKey(source)) {
                throw new IllegalArgumentException("no score histogram for " + source.wireName());
            }
        }
        return copy;
    }

    public int bins() {
        return counts.size();
    }

    public double binWidth() {
        return (max - min) / bins();
    }

    public double binLow(int bin) {
        return min + bin * binWidth();
    }

    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    /** The fraction of all values in {@code bin}; 0 for an empty histogram. */
    public double share(int bin) {
        long total = total();
        return total == 0 ? 0 : (double) counts.get(bin) / total;
    }

    /** Mean of the values, estimated from bin centres; empty histograms have mean 0. */
    public double approximateMean() {
        long total = total();
        double sum = 0;
        for (int i = 0; i < bins(); i++) {
            sum += counts.get(i) * (binLow(i) + binWidth() / 2);
        }
        return total == 0 ? 0 : sum / total;
    }

    /** Accumulates values into fixed bins. Not thread-safe. */
    public static final class Counter {
        private final double min;
        private final double max;
        private final long[] counts;

        public Counter(double min, double max, int bins) {
            if (!(max > min) || bins < 1) {
                throw new IllegalArgumentException("a histogram needs max > min and at least one bin");
            }
            this.min = min;
            this.max = max;
            this.counts = new long[bins];
        }

        public void add(double value) {
            // Scores are stored as floats: 0.7f is 0.69999998..., which belongs in the 0.70 bin for people.
            int bin = (int) Math.floor((value - min) / (max - min) * counts.length + 1e-6);
            counts[Math.max(0, Math.min(counts.length - 1, bin))]++;
        }

        /** Adds another histogram's counts (a partial of the same run): same range and bins only. */
        public void add(Histogram other) {
            if (other.min() != min || other.max() != max || other.bins() != counts.length) {
                throw new IllegalArgumentException("cannot merge a histogram over [" + other.min() + ", " + other.max()
                        + "] in " + other.bins() + " bins into one over [" + min + ", " + max + "] in " + counts.length);
            }
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts().get(i);
            }
        }

        public Histogram histogram() {
            return new Histogram(min, max, Arrays.stream(counts).boxed().toList());
        }
    }
}
