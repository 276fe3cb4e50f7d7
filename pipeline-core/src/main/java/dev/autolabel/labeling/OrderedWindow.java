package dev.autolabel.labeling;

import dev.autolabel.label.LabeledImage;
import java.io.IOException;

/**
 * Puts rows finished out of order back into input order. Holds at most {@code size} rows: the pipeline admits row
 * {@code n} only once row {@code n - size} has been delivered, which bounds everything in flight (reads, decoded
 * images, batches) however long the partition is. A row finished twice is a bug and fails loudly.
 */
final class OrderedWindow {

    private final LabeledImage[] slots;
    private long delivered;

    OrderedWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be >= 1, got " + size);
        }
        this.slots = new LabeledImage[size];
    }

    /** Whether row {@code seq} may enter the pipeline now. */
    boolean canAdmit(long seq) {
        return seq < delivered + slots.length;
    }

    void complete(long seq, LabeledImage row) {
        if (seq < delivered || seq >= delivered + slots.length) {
            throw new IllegalStateException("row " + seq + " finished outside the window [" + delivered + ", "
                    + (delivered + slots.length) + ")");
        }
        int slot = (int) (seq % slots.length);
        if (slots[slot] != null) {
            throw new IllegalStateException("row " + seq + " finished twice");
        }
        slots[slot] = row;
    }

    /** Hands every row that is next in order to {@code sink}. */
    void deliverReady(RowSink sink) throws IOException {
        while (true) {
            int slot = (int) (delivered % slots.length);
            LabeledImage row = slots[slot];
            if (row == null) {
                return;
            }
            slots[slot] = null;
            delivered++;
            sink.accept(row);
        }
    }

    long delivered() {
        return delivered;
    }
}
