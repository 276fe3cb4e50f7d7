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
 * Shards can be offered to selections of their own and merged in run order ({@link #addAll}): the candidates are
 * the same as those of one selection offered the whole run.
 */
final class BalancedSelection {

    private record Candidate(long row, String[] classes, long boxes) {
    }

    /** A selected image: its run position and its boxes (for numbering the export). */
    record Pick(long row, long boxes) {
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

    /** Offers the image at run position {@code row} with its labels and box count (after the export view). */
    void offer(long row, Set<String> classes, long boxes) {
        if (classes.isEmpty()) {
            return;
        }
        String rarest = classes.stream().min(rarestFirst).orElseThrow();
        add(rarest, new Candidate(row, classes.toArray(String[]::new), boxes));
    }

    private void add(String label, Candidate candidate) {
        List<Candidate> list = charged.computeIfAbsent(label, k -> new ArrayList<>());
        if (list.size() < cap) {
            list.add(candidate);
        }
    }

    /** Adds the candidates of a selection offered the rows that come after all rows offered to this one. */
    void addAll(BalancedSelection later) {
        later.charged.forEach((label, candidates) -> candidates.forEach(c -> add(label, c)));
    }

    /** The selected images, by ascending run position. */
    List<Pick> select() {
        Map<String, Integer> taken = new HashMap<>();
        List<Pick> picks = new ArrayList<>();
        List<String> order = new ArrayList<>(charged.keySet());
        order.sort(rarestFirst);
        for (String label : order) {
            for (Candidate c : charged.get(label)) {
                if (Arrays.stream(c.classes()).allMatch(l -> taken.getOrDefault(l, 0) < cap)) {
                    Arrays.stream(c.classes()).forEach(l -> taken.merge(l, 1, Integer::sum));
                    picks.add(new Pick(c.row(), c.boxes()));
                }
            }
        }
        picks.sort(Comparator.comparingLong(Pick::row));
        return picks;
    }

    private long count(String label) {
        Long n = imagesPerClass.get(label);
        if (n == null) {
            throw new IllegalStateException("label '" + label + "' was not counted in the first pass");
        }
        return n;
    }
}
