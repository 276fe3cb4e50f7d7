package dev.autolabel.spark.export;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.spark.output.RowPlace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The K most uncertain images of a run ({@code --review-top K}), kept in a bounded min-heap while the run streams
 * by: memory O(K) rows, whatever the run's size. Ties go to the image earlier in the run. Queues of different shards
 * merge ({@link #addAll}) into the queue of the whole run.
 */
final class ReviewQueue {

    private record Entry(RowPlace place, LabeledImage image) {
    }

    /** Least worth reviewing first: lower uncertainty, then later in the run. */
    private static final Comparator<Entry> LEAST_FIRST = Comparator.comparingDouble((Entry e) -> e.image().uncertainty())
            .thenComparing(Comparator.comparing(Entry::place).reversed());

    private final int k;
    private final PriorityQueue<Entry> heap;

    ReviewQueue(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("--review-top must be >= 1, got " + k);
        }
        this.k = k;
        this.heap = new PriorityQueue<>(LEAST_FIRST);
    }

    void offer(RowPlace place, LabeledImage image) {
        offer(new Entry(place, image));
    }

    void addAll(ReviewQueue other) {
        other.heap.forEach(this::offer);
    }

    private void offer(Entry e) {
        if (heap.size() < k) {
            heap.add(e);
        } else if (LEAST_FIRST.compare(e, heap.peek()) > 0) {
            heap.poll();
            heap.add(e);
        }
    }

    /** The queue, most uncertain first. */
    List<LabeledImage> mostUncertainFirst() {
        List<Entry> entries = new ArrayList<>(heap);
        entries.sort(LEAST_FIRST.reversed());
        return entries.stream().map(Entry::image).toList();
    }
}
