package dev.autolabel.calibration;

import static java.util.Objects.requireNonNull;

import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Draws a stratified sample of a run's labels in one streaming pass after a {@link ScoreCensus}: each pass-class's
 * score range (from its lowest score up to 1) is cut into {@code bands} equal-width score bands, {@code perClass}
 * labels are allocated to the bands as evenly as their sizes allow (so sparse high- and low-score bands are not
 * starved), and each band is sampled uniformly without replacement by reservoir sampling, with a random stream
 * seeded by the seed, the class and the band. Rows arrive in the run's order, so the same run, seed and settings
 * always give the same sample. Memory: the sampled labels' images.
 */
public final class StratifiedSampler {

    /** A label in a reservoir: its row's position in the run, its index in the row, and the row. */
    private record Drawn(long row, int detection, LabeledImage image) {
    }

    private final String runId;
    private final String runDir;
    private final long seed;
    private final int perClass;
    private final int bands;
    private final Map<ClassKey, ClassStrata> strata = new TreeMap<>();
    private final Map<ClassKey, long[]> seen = new TreeMap<>();
    private final Map<ClassKey, List<List<Drawn>>> reservoirs = new TreeMap<>();
    private final Map<ClassKey, List<SplittableRandom>> randoms = new TreeMap<>();

    public StratifiedSampler(ScoreCensus census, String runId, String runDir, long seed, int perClass, int bands) {
        this.runId = requireNonNull(runId, "runId");
        this.runDir = requireNonNull(runDir, "runDir");
        if (perClass < 1 || bands < 1) {
            throw new IllegalArgumentException("--per-class and --bands must be >= 1, got " + perClass + " and " + bands);
        }
        this.seed = seed;
        this.perClass = perClass;
        this.bands = bands;
        census.histograms().forEach((key, histogram) -> {
            ClassStrata s = stratify(key, histogram);
            strata.put(key, s);
            seen.put(key, new long[s.bands()]);
            List<List<Drawn>> slots = new ArrayList<>();
            List<SplittableRandom> streams = new ArrayList<>();
            for (int b = 0; b < s.bands(); b++) {
                slots.add(new ArrayList<>());
                streams.add(new SplittableRandom(streamSeed(seed, key, b)));
            }
            reservoirs.put(key, slots);
            randoms.put(key, streams);
        });
    }

    /** The next row of the run (rows in run order, {@code row} counting from 0 over all shards). */
    public void offer(long row, LabeledImage image) {
        List<LabeledDetection> detections = image.detections();
        for (int i = 0; i < detections.size(); i++) {
            LabeledDetection d = detections.get(i);
            ClassKey key = new ClassKey(d.source(), d.label());
            ClassStrata s = strata.get(key);
            if (s == null) {
                throw new IllegalStateException("label " + key + " of row " + row + " was not in the census: the run changed"
                        + " between the two passes");
            }
            int band = s.bandOf(ScoreGrid.bin(d.score()));
            long index = seen.get(key)[band]++;
            int wanted = s.sampleSizes().get(band);
            List<Drawn> slots = reservoirs.get(key).get(band);
            Drawn drawn = new Drawn(row, i, image);
            if (index < wanted) {
                slots.add(drawn);
            } else {
                long j = randoms.get(key).get(band).nextLong(index + 1);
                if (j < wanted) {
                    slots.set((int) j, drawn);
                }
            }
        }
    }

    /** The sample, once every row was offered. */
    public ReviewSample sample() {
        Map<Long, LabeledImage> images = new TreeMap<>();
        Map<Long, List<Integer>> sampled = new TreeMap<>();
        reservoirs.values().forEach(perBand -> perBand.forEach(slots -> slots.forEach(d -> {
            images.put(d.row(), d.image());
            sampled.computeIfAbsent(d.row(), r -> new ArrayList<>()).add(d.detection());
        })));
        List<SampleImage> out = new ArrayList<>();
        images.forEach((row, image) -> out.add(sampleImage(row, image, sampled.get(row))));
        return new ReviewSample(ReviewSample.idFor(seed, perClass, bands), runId, runDir, seed, perClass, bands,
                List.copyOf(strata.values()), out);
    }

    private SampleImage sampleImage(long row, LabeledImage image, List<Integer> sampledIndices) {
        List<SampleLabel> labels = new ArrayList<>();
        for (int i = 0; i < image.detections().size(); i++) {
            LabeledDetection d = image.detections().get(i);
            ClassKey key = new ClassKey(d.source(), d.label());
            labels.add(new SampleLabel(SampleLabel.idOf(row, i), i, key, d.score(), d.box(),
                    strata.get(key).bandOf(ScoreGrid.bin(d.score())), sampledIndices.contains(i)));
        }
        return new SampleImage(row, image.imageId(), image.uri(), image.width(), image.height(), labels);
    }

    /** Equal-width bands from the class's lowest score bin up to 1, and the draws allocated to them. */
    private ClassStrata stratify(ClassKey key, long[] histogram) {
        int lowest = 0;
        while (lowest < ScoreGrid.BINS - 1 && histogram[lowest] == 0) {
            lowest++;
        }
        int span = ScoreGrid.BINS - lowest;
        List<Integer> starts = new ArrayList<>();
        for (int b = 0; b < Math.min(bands, span); b++) {
            starts.add(lowest + (int) Math.round((double) b * span / Math.min(bands, span)));
        }
        long[] sizes = new long[starts.size()];
        for (int b = 0; b < starts.size(); b++) {
            int end = b + 1 < starts.size() ? starts.get(b + 1) : ScoreGrid.BINS;
            for (int k = starts.get(b); k < end; k++) {
                sizes[b] += histogram[k];
            }
        }
        List<Long> counts = new ArrayList<>();
        for (long c : histogram) {
            counts.add(c);
        }
        return new ClassStrata(key, counts, starts, allocate(sizes, perClass));
    }

    /** {@code total} draws over bands of the given sizes: one at a time to each band that has labels left, in turn. */
    static List<Integer> allocate(long[] sizes, int total) {
        int[] drawn = new int[sizes.length];
        int left = total;
        boolean progress = true;
        while (left > 0 && progress) {
            progress = false;
            for (int b = 0; b < sizes.length && left > 0; b++) {
                if (drawn[b] < sizes[b]) {
                    drawn[b]++;
                    left--;
                    progress = true;
                }
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int d : drawn) {
            out.add(d);
        }
        return out;
    }

    /** A stream seed from the sample seed, the class and the band: independent, reproducible streams. */
    private static long streamSeed(long seed, ClassKey key, int band) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((seed + "|" + key + "|" + band).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** How many labels were drawn per class (for messages). */
    public Map<ClassKey, Integer> drawnPerClass() {
        Map<ClassKey, Integer> out = new LinkedHashMap<>();
        strata.forEach((k, s) -> out.put(k, s.sampled()));
        return out;
    }
}
