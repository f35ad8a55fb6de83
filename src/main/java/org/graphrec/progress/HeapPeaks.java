package org.graphrec.progress;

import java.util.HashMap;
import java.util.Map;

/**
 * The bookkeeping behind {@link PeakHeap}, free of any JVM source so it can be fed hand-made snapshots: the
 * largest heap occupancy seen since {@link #reset}, and the largest occupancy right after a collection.
 *
 * <p>A collection is known by its collector's name and that collector's sequence number (the JVM's
 * {@code GcInfo.getId()}); the same collection may be reported twice (polled at once, then notified late) and
 * counts once as a maximum. Collections whose number is at most the one a collector had reached at the reset
 * belong to an earlier measurement and are ignored, whenever their report arrives.
 */
final class HeapPeaks {

    private final Map<String, Long> idsAtReset = new HashMap<>();
    private long peak;
    private long peakAfterCollection;
    private long collections;

    /**
     * Starts a new measurement.
     *
     * @param lastIds    each collector's latest collection number at the reset (collectors absent: none yet)
     * @param bytesInUse the heap occupancy at the reset, the first candidate for the peak
     */
    synchronized void reset(Map<String, Long> lastIds, long bytesInUse) {
        idsAtReset.clear();
        idsAtReset.putAll(lastIds);
        peak = bytesInUse;
        peakAfterCollection = 0;
        collections = 0;
    }

    /** Records one collection's heap occupancy before and after it, unless it ran before the last reset. */
    synchronized void observe(String collector, long id, long bytesBefore, long bytesAfter) {
        if (id <= idsAtReset.getOrDefault(collector, 0L)) {
            return;
        }
        peak = Math.max(peak, bytesBefore);
        peakAfterCollection = Math.max(peakAfterCollection, bytesAfter);
        collections++;
    }

    /** The peak occupancy since the reset, the current occupancy {@code bytesInUse} included. */
    synchronized long peak(long bytesInUse) {
        peak = Math.max(peak, bytesInUse);
        return peak;
    }

    /**
     * The largest occupancy right after a collection since the reset; {@code bytesInUse} (the current occupancy)
     * when no collection ran since.
     */
    synchronized long live(long bytesInUse) {
        return collections == 0 ? bytesInUse : peakAfterCollection;
    }
}
