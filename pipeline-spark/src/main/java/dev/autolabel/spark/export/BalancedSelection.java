package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A class-balanced subset for long-tailed data ({@code --max-per-class N}). Policy:
 * <ol>
 *   <li>The cap is strict: no label appears in more than N selected images (an image counts once per label it
 *       carries, however many boxes). Images without labels are never selected.</li>
 *   <li>Rarest first: each image is charged to its rarest label (fewest images in the whole export, ties by
 *       name). Labels are served from the rarest up; a label takes its charged images in run order, each one only
 *       if every label on it is still under the cap. So a rare label is not crowded out by common labels that
 *       co-occur with it, and common labels fill up with whatever room is left.</li>
 *   <li>Streaming: only the first N images charged to each label are kept as candidates (row number and label
 *       set), so memory is O(labels x N), never O(rows). A label can fall short of N only when its candidates
 *       also carry labels that are already full.</li>
 * </ol>
 */
final class BalancedSelection {

    private record Candidate(long row, String[] classes) {
    }

    private final Map<String, Long> imagesPerClass;
    private final int cap;
    private final Map<String, List<Candidate>> charged = new HashMap<>();
    private final Comparator<String> rarestFirst;

    BalancedSelection(Map<String, Long> imagesPerClass, int cap) {
        this.imagesPerClass = Map.copyOf(requireNonNull(imagesPerClass, "imagesPerClass"));
        if (cap < 1) {
            throw new IllegalArgumentException("--max-per-class must be >= 1, got " + cap);
        }
        this.cap = cap;
        this.rarestFirst = Comparator.comparing((String c) -> count(c)).thenComparing(Comparator.naturalOrder());
    }

    /** Offers the image at run position {@code row} with its labels (after the export view). */
    void offer(long row, Set<String> classes) {
        if (classes.isEmpty()) {
            return;
        }
        String rarest = classes.stream().min(rarestFirst).orElseThrow();
        List<Candidate> list = charged.computeIfAbsent(rarest, k -> new ArrayList<>());
        if (list.size() < cap) {
            list.add(new Candidate(row, classes.toArray(String[]::new)));
        }
    }

    /** Run positions of the selected images, ascending. */
    long[] select() {
        Map<String, Integer> taken = new HashMap<>();
        List<Long> rows = new ArrayList<>();
        List<String> order = new ArrayList<>(charged.keySet());
        order.sort(rarestFirst);
        for (String label : order) {
            for (Candidate c : charged.get(label)) {
                if (Arrays.stream(c.classes()).allMatch(l -> taken.getOrDefault(l, 0) < cap)) {
                    Arrays.stream(c.classes()).forEach(l -> taken.merge(l, 1, Integer::sum));
                    rows.add(c.row());
                }
            }
        }
        return rows.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private long count(String label) {
        Long n = imagesPerClass.get(label);
        if (n == null) {
            throw new IllegalStateException("label '" + label + "' was not counted in the first pass");
        }
        return n;
    }
}
