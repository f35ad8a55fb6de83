package org.graphrec.progress;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The measured peak heap of a stage, shown beside the memory estimate printed before long work (propagation,
 * benchmarks): the largest heap occupancy seen since {@link #reset()}. The heap is fullest just before a garbage
 * collection, so every collection's "before" snapshot (all pools at one instant, from the JVM's GC
 * notifications) is a candidate, and so is the occupancy when the peak is read.
 *
 * <p>Summing each pool's own peak (what {@code MemoryPoolMXBean.getPeakUsage} offers) overstates it: eden,
 * survivor and old generation peak at different moments, and the sum exceeded {@code -Xmx} in a 1M-interaction
 * benchmark.
 */
public final class PeakHeap {

    private static final AtomicLong PEAK = new AtomicLong();
    private static volatile boolean listening;

    private PeakHeap() {
    }

    /** Starts a new measurement from the heap's current occupancy. */
    public static void reset() {
        listen();
        PEAK.set(used());
    }

    /** The peak heap occupancy since the last {@link #reset()}, in bytes. */
    public static long bytes() {
        listen();
        return PEAK.accumulateAndGet(used(), Math::max);
    }

    /** Records a GC's "before" snapshot (the heap pools' sum at that instant). */
    static void observe(long bytesBeforeGc) {
        PEAK.accumulateAndGet(bytesBeforeGc, Math::max);
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static synchronized void listen() {
        if (listening) {
            return;
        }
        listening = true;
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                            .equals(notification.getType())) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long before = 0;
                    // the snapshot covers every memory pool (metaspace, code cache too): count the heap's only
                    for (var pool : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
                        if (heapPools.contains(pool.getKey())) {
                            before += pool.getValue().getUsed();
                        }
                    }
                    observe(before);
                }, null, null);
            }
        }
    }
}
