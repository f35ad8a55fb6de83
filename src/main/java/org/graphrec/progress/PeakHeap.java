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
 * <p>That occupancy includes garbage the collector had not yet reclaimed, so it depends on the heap size (a
 * bigger heap collects later). {@link #liveBytes()} is the other view: the largest occupancy right after a
 * collection, an upper bound of the live data, which is what has to fit in {@code -Xmx}; memory estimates are
 * compared with it.
 *
 * <p>Summing each pool's own peak (what {@code MemoryPoolMXBean.getPeakUsage} offers) overstates it: eden,
 * survivor and old generation peak at different moments, and the sum exceeded {@code -Xmx} in a 1M-interaction
 * benchmark.
 */
public final class PeakHeap {

    private static final AtomicLong PEAK = new AtomicLong();
    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();
    private static final AtomicLong COLLECTIONS = new AtomicLong();
    private static volatile boolean listening;
    /** JVM uptime when the measurement started: notifications of collections that began earlier are ignored. */
    private static volatile long resetUptimeMillis = -1;

    private PeakHeap() {
    }

    /**
     * Starts a new measurement from a collected heap: a full collection first ({@code System.gc()}; a no-op under
     * {@code -XX:+DisableExplicitGC}), so garbage left by earlier work counts neither in the peaks nor in
     * {@link #inUseBytes()}. Without it a large heap may go through several repeated runs without a full
     * collection, and every young collection's "after" snapshot still holds the old generation's dead data (a
     * benchmark's live peak grew by 285 MiB a repeat that way). Costs one full collection per stage.
     */
    public static void reset() {
        listen();
        System.gc();
        resetUptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        PEAK.set(used());
        PEAK_AFTER_GC.set(0);
        COLLECTIONS.set(0);
    }

    /** The peak heap occupancy since the last {@link #reset()}, in bytes. */
    public static long bytes() {
        listen();
        return PEAK.accumulateAndGet(used(), Math::max);
    }

    /**
     * The largest heap occupancy right after a collection since the last {@link #reset()} (an upper bound of the
     * live data: garbage in the old generation survives young collections), in bytes; the current occupancy when
     * no collection ran.
     */
    public static long liveBytes() {
        listen();
        return COLLECTIONS.get() == 0 ? used() : PEAK_AFTER_GC.get();
    }

    /**
     * The heap the process holds before a stage starts, for memory estimates: the occupancy right after the most
     * recent collection (live data then, the embedded database's caches included), or the current occupancy when
     * no collection ran yet. Costs no collection.
     */
    public static long inUseBytes() {
        long latestEnd = -1;
        long after = -1;
        java.util.Set<String> heapPools = heapPools();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean bean) {
                var info = bean.getLastGcInfo();
                if (info != null && info.getEndTime() > latestEnd) {
                    latestEnd = info.getEndTime();
                    after = heapSum(info.getMemoryUsageAfterGc(), heapPools);
                }
            }
        }
        return after >= 0 ? Math.min(after, used()) : used();
    }

    /**
     * Records a GC's "before" and "after" snapshots (the heap pools' sums at those instants), unless the collection
     * started before the last {@link #reset()}: notifications arrive on their own thread, and the reset's own
     * collection, delivered late, would put the garbage it removed back into the peak.
     */
    static void observe(long startUptimeMillis, long bytesBeforeGc, long bytesAfterGc) {
        if (startUptimeMillis < resetUptimeMillis) {
            return;
        }
        PEAK.accumulateAndGet(bytesBeforeGc, Math::max);
        PEAK_AFTER_GC.accumulateAndGet(bytesAfterGc, Math::max);
        COLLECTIONS.incrementAndGet();
    }

    private static long heapSum(java.util.Map<String, java.lang.management.MemoryUsage> pools,
                                java.util.Set<String> heapPools) {
        long sum = 0;
        for (var pool : pools.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                sum += pool.getValue().getUsed();
            }
        }
        return sum;
    }

    private static java.util.Set<String> heapPools() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                names.add(pool.getName());
            }
        }
        return names;
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static synchronized void listen() {
        if (listening) {
            return;
        }
        listening = true;
        java.util.Set<String> heapPools = heapPools();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                            .equals(notification.getType())) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    // the snapshots cover every memory pool (metaspace, code cache too): count the heap's only
                    observe(info.getGcInfo().getStartTime(),
                            heapSum(info.getGcInfo().getMemoryUsageBeforeGc(), heapPools),
                            heapSum(info.getGcInfo().getMemoryUsageAfterGc(), heapPools));
                }, null, null);
            }
        }
    }
}
