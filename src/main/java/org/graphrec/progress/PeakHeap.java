package org.graphrec.progress;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The measured peak heap of a stage: reset the JVM's per-pool peaks before it, read their sum after it. Shown
 * beside the memory estimate printed before long work (propagation, benchmarks).
 */
public final class PeakHeap {

    private PeakHeap() {
    }

    /** Resets the peak usage of every heap pool. */
    public static void reset() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peak usage since the last {@link #reset()}, in bytes. */
    public static long bytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
