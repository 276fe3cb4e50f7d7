package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the {@code capacity} smallest items seen by {@code order} (a max-heap of that size), so picking
 * "the 8 lowest-confidence images" of a run of millions needs memory for 8.
 */
final class BoundedHeap<T> {

    private final int capacity;
    private final Comparator<? super T> order;
    private final PriorityQueue<T> heap;

    BoundedHeap(int capacity, Comparator<? super T> order) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0");
        }
        this.capacity = capacity;
        this.order = requireNonNull(order, "order");
        this.heap = new PriorityQueue<>(Math.max(1, capacity), order.reversed());
    }

    void offer(T item) {
        requireNonNull(item, "item");
        if (capacity == 0) {
            return;
        }
        if (heap.size() < capacity) {
            heap.add(item);
        } else if (order.compare(item, heap.peek()) < 0) {
            heap.poll();
            heap.add(item);
        }
    }

    /** The kept items, smallest first. */
    List<T> sorted() {
        List<T> out = new ArrayList<>(heap);
        out.sort(order);
        return out;
    }
}
