package org.graphrec.progress;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The measured peak heap of a stage, shown beside the memory estimate printed before long work (propagation,
 * benchmarks): the largest heap occupancy seen since {@link #reset()}. The heap is fullest just before a garbage
 * collection, so every collection's "before" snapshot (all pools at one instant) is a candidate, and so is the
 * occupancy when the peak is read.
 *
 * <p>That occupancy includes garbage the collector had not yet reclaimed, so it depends on the heap size (a
 * bigger heap collects later). {@link #liveBytes()} is the other view: the largest occupancy right after a
 * collection, an upper bound of the live data, which is what has to fit in {@code -Xmx}; memory estimates are
 * compared with it.
 *
 * <p>Collections reach the bookkeeping ({@link HeapPeaks}) two ways: the JVM's GC notifications, which arrive on
 * their own thread some time later, and each collector's latest collection, read synchronously whenever a peak is
 * read, so a collection that just ended counts at once, however late its notification.
 *
 * <p>Summing each pool's own peak (what {@code MemoryPoolMXBean.getPeakUsage} offers) overstates it: eden,
 * survivor and old generation peak at different moments, and the sum exceeded {@code -Xmx} in a 1M-interaction
 * benchmark.
 */
public final class PeakHeap {

    private static final HeapPeaks PEAKS = new HeapPeaks();
    private static final Set<String> HEAP_POOLS = heapPools();
    private static boolean listening;

    private PeakHeap() {
    }

    /**
     * Starts a new measurement from a collected heap: a full collection first ({@code System.gc()}; a no-op under
     * {@code -XX:+DisableExplicitGC}), so garbage left by earlier work counts neither in the peaks nor in
     * {@link #inUseBytes()}. Without it a large heap may go through several repeated runs without a full
     * collection, and every young collection's "after" snapshot still holds the old generation's dead data (a
     * benchmark's live peak grew by 285 MiB a repeat that way). That collection and every earlier one are left out
     * of the new measurement, whenever their notifications arrive. Costs one full collection per stage.
     */
    public static void reset() {
        listen();
        System.gc();
        Map<String, Long> lastIds = new HashMap<>();
        for (var collector : collectors()) {
            GcInfo info = collector.getLastGcInfo();
            lastIds.put(collector.getName(), info == null ? 0L : info.getId());
        }
        PEAKS.reset(lastIds, used());
    }

    /** The peak heap occupancy since the last {@link #reset()}, in bytes. */
    public static long bytes() {
        observeLatestCollections();
        return PEAKS.peak(used());
    }

    /**
     * The largest heap occupancy right after a collection since the last {@link #reset()} (an upper bound of the
     * live data: garbage in the old generation survives young collections), in bytes; the current occupancy when
     * no collection ran.
     */
    public static long liveBytes() {
        observeLatestCollections();
        return PEAKS.live(used());
    }

    /**
     * The heap the process holds before a stage starts, for memory estimates: the occupancy right after the most
     * recent collection (live data then, the embedded database's caches included), or the current occupancy when
     * no collection ran yet. Costs no collection.
     */
    public static long inUseBytes() {
        long latestEnd = -1;
        long after = -1;
        for (var collector : collectors()) {
            GcInfo info = collector.getLastGcInfo();
            if (info != null && info.getEndTime() > latestEnd) {
                latestEnd = info.getEndTime();
                after = heapSum(info.getMemoryUsageAfterGc());
            }
        }
        return after >= 0 ? Math.min(after, used()) : used();
    }

    /** Each collector's latest collection, read now rather than waiting for its notification. */
    private static void observeLatestCollections() {
        listen();
        for (var collector : collectors()) {
            observe(collector.getName(), collector.getLastGcInfo());
        }
    }

    private static void observe(String collector, GcInfo info) {
        if (info != null) {
            // the snapshots cover every memory pool (metaspace, code cache too): count the heap's only
            PEAKS.observe(collector, info.getId(), heapSum(info.getMemoryUsageBeforeGc()),
                    heapSum(info.getMemoryUsageAfterGc()));
        }
    }

    private static List<com.sun.management.GarbageCollectorMXBean> collectors() {
        List<com.sun.management.GarbageCollectorMXBean> beans = new ArrayList<>();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof com.sun.management.GarbageCollectorMXBean bean) {
                beans.add(bean);
            }
        }
        return beans;
    }

    private static long heapSum(Map<String, MemoryUsage> pools) {
        long sum = 0;
        for (var pool : pools.entrySet()) {
            if (HEAP_POOLS.contains(pool.getKey())) {
                sum += pool.getValue().getUsed();
            }
        }
        return sum;
    }

    private static Set<String> heapPools() {
        Set<String> names = new HashSet<>();
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
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
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                            .equals(notification.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        observe(info.getGcName(), info.getGcInfo());
                    }
                }, null, null);
            }
        }
    }
}
