package dev.autolabel.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/** The live heap of this JVM, for memory probes run in child JVMs. */
public final class LiveHeap {

    private LiveHeap() {
    }

    /**
     * The heap in use right after a full collection, as the collector recorded it: other threads allocating
     * between the collection and the reading (a TLAB each) would otherwise add megabytes of noise.
     */
    public static long afterFullGc() {
        System.gc();
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            live += afterGc == null ? 0 : afterGc.getUsed();
        }
        return live;
    }
}
