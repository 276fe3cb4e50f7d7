package dev.autolabel.labeling;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reusable byte buffers of one size, for resized views (whole images, tiles) on their way from the decode threads to
 * the inference thread. Never blocks: the pipeline's structure bounds how many are out at once (one per decode
 * thread, the queue, the views waiting for a batch of their pass), so after warm-up every view reuses a buffer and
 * the count allocated stays at that bound, however many tiles an image has.
 */
final class PlanePool {

    private final int bytes;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger allocated = new AtomicInteger();

    PlanePool(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("buffer size must be >= 1, got " + bytes);
        }
        this.bytes = bytes;
    }

    byte[] take() {
        byte[] buffer = free.poll();
        if (buffer != null) {
            return buffer;
        }
        allocated.incrementAndGet();
        return new byte[bytes];
    }

    void give(byte[] buffer) {
        if (buffer.length != bytes) {
            throw new IllegalArgumentException("buffer of " + buffer.length + " bytes returned to a pool of " + bytes);
        }
        free.add(buffer);
    }

    /** Buffers created so far. */
    int allocated() {
        return allocated.get();
    }
}
