package dev.autolabel.spark.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The class-balanced subset: a strict cap per label, rarest labels served first. */
class BalancedSelectionTest {

    private static long[] select(List<Set<String>> images, int cap) {
        Map<String, Long> counts = new HashMap<>();
        images.forEach(s -> s.forEach(c -> counts.merge(c, 1L, Long::sum)));
        BalancedSelection selection = new BalancedSelection(counts, cap);
        for (int i = 0; i < images.size(); i++) {
            selection.offer(i, images.get(i), images.get(i).size());
        }
        return rows(selection.select());
    }

    private static long[] rows(List<BalancedSelection.Pick> picks) {
        return picks.stream().mapToLong(BalancedSelection.Pick::row).toArray();
    }

    @Test
    void selectionsOfShardsMergedInRunOrderSelectAsOneSelectionOfTheWholeRun() {
        Random random = new Random(11);
        List<Set<String>> images = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Set<String> labels = new TreeSet<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                labels.add("c" + (int) Math.floor(Math.pow(40, random.nextDouble())));
            }
            images.add(labels);
        }
        Map<String, Long> counts = new HashMap<>();
        images.forEach(s -> s.forEach(c -> counts.merge(c, 1L, Long::sum)));
        BalancedSelection merged = new BalancedSelection(counts, 25);
        for (int start = 0; start < images.size(); start += 170) {
            BalancedSelection shard = new BalancedSelection(counts, 25);
            for (int i = start; i < Math.min(images.size(), start + 170); i++) {
                shard.offer(i, images.get(i), images.get(i).size());
            }
            merged.addAll(shard);
        }
        List<BalancedSelection.Pick> picks = merged.select();
        assertArrayEquals(select(images, 25), rows(picks));
        picks.forEach(p -> assertEquals(images.get((int) p.row()).size(), p.boxes(), "boxes travel with the pick"));
    }

    @Test
    void aRareLabelIsServedBeforeACommonLabelThatCoOccursWithItFillsUp() {
        // In run order, car would fill up on images 0 and 1 and shut out image 2, bike's only shared image.
        List<Set<String>> images = List.of(Set.of("car"), Set.of("car"), Set.of("car", "bike"), Set.of("bike"));
        assertArrayEquals(new long[] {0, 2, 3}, select(images, 2));
    }

    @Test
    void eachLabelOnItsOwnGetsMinOfCapAndItsImages() {
        List<Set<String>> images = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            images.add(Set.of("common"));
        }
        images.add(Set.of("rare"));
        images.add(Set.of());
        long[] selected = select(images, 3);
        assertArrayEquals(new long[] {0, 1, 2, 10}, selected, "3 of 10 common, the one rare; never the unlabeled image");
    }

    @Test
    void theCapHoldsForEveryLabelOnLongTailedRandomData() {
        Random random = new Random(7);
        List<Set<String>> images = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Set<String> labels = new TreeSet<>();
            int n = random.nextInt(4);
            for (int k = 0; k < n; k++) {
                // Zipf-like: label j with probability ~ 1/(j+1).
                labels.add("c" + (int) Math.floor(Math.exp(random.nextDouble() * Math.log(40)) - 1));
            }
            images.add(labels);
        }
        int cap = 25;
        long[] selected = select(images, cap);
        Map<String, Integer> perLabel = new HashMap<>();
        for (long row : selected) {
            images.get((int) row).forEach(c -> perLabel.merge(c, 1, Integer::sum));
        }
        perLabel.forEach((label, n) -> assertTrue(n <= cap, label + " in " + n + " selected images"));
        Map<String, Long> total = new HashMap<>();
        images.forEach(s -> s.forEach(c -> total.merge(c, 1L, Long::sum)));
        String rarest = total.entrySet().stream().min(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
        assertEquals(Math.min(cap, total.get(rarest)), (long) perLabel.getOrDefault(rarest, 0),
                "the rarest label gets all its images up to the cap");
        for (int i = 1; i < selected.length; i++) {
            assertTrue(selected[i] > selected[i - 1], "ascending run positions, no duplicates");
        }
    }
}
