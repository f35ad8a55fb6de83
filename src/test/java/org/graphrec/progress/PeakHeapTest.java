package org.graphrec.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link PeakHeap} on the running JVM. Each assertion holds whatever the collector does and whenever its
 * notifications arrive: it rests on data still reachable when read, or on the collection that {@code System.gc()}
 * completed before returning (read synchronously); the arithmetic of the peaks is {@link HeapPeaksTest}'s.
 */
class PeakHeapTest {

    private static final int MIB = 1 << 20;

    /** {@code n} chunks of 16 MiB, all reachable through the array returned. */
    private static byte[][] chunksOf16Mib(int n) {
        byte[][] chunks = new byte[n][];
        for (int i = 0; i < n; i++) {
            chunks[i] = new byte[16 * MIB];
            chunks[i][i] = (byte) i;
        }
        return chunks;
    }

    /** Holds 24 × 16 MiB at once and reads the peak meanwhile; all of it is unreachable once this returns. */
    private static long peakWhileHolding384Mib() {
        byte[][] chunks = chunksOf16Mib(24);
        long peak = PeakHeap.bytes();
        long held = 0;
        for (byte[] c : chunks) {
            held += c.length + c[0];
        }
        assertThat(held).isEqualTo(384L * MIB);
        return peak;
    }

    /** Where {@link #allocateGarbage()} keeps its latest chunk: a field, so the allocations cannot be optimised away. */
    private static volatile byte[] sink;

    /**
     * 384 MiB of garbage in 64 KiB chunks, each unreachable once the next one is allocated: whenever a collection
     * runs (young collections do run during the loop when the heap is small), one chunk is live, and none is old
     * enough to be promoted.
     */
    private static long allocateGarbage() {
        long allocated = 0;
        for (int i = 0; i < 384 * 16; i++) {
            sink = new byte[64 * 1024];
            allocated += sink.length;
        }
        sink = null;
        return allocated;
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aFreedAllocationStillCountsAndThePeakFitsInTheHeap() {
        PeakHeap.reset();
        long whileHeld = peakWhileHolding384Mib();
        assertThat(whileHeld).isGreaterThanOrEqualTo(384L * MIB); // reachable when read, so in use whatever ran
        System.gc();
        long peak = PeakHeap.bytes();
        // the full collection freed the 384 MiB; the peak keeps them
        assertThat(peak).isGreaterThanOrEqualTo(whileHeld);
        assertThat(peak).isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(used()).isLessThan(peak - 256L * MIB);
    }

    @Test
    void theLivePeakCountsDataThatSurvivesACollectionButNotGarbage() {
        PeakHeap.reset();
        long base = used();
        assertThat(allocateGarbage()).isEqualTo(384L * MIB);
        System.gc();
        // 384 MiB were allocated, but no collection found more than one 64 KiB chunk of it live: the live peak stays
        // near the base (16 MiB chunks held together would not show this: a young collection in the middle of
        // such a loop finds up to 384 MiB live and rightly reports it, as CI once did)
        assertThat(PeakHeap.liveBytes()).isLessThan(base + 128L * MIB);
        byte[][] kept = chunksOf16Mib(16);
        System.gc();
        // no waiting: the collection System.gc() completed is read at once, and it (like any later one) had to
        // keep all 256 MiB, still reachable below
        long live = PeakHeap.liveBytes();
        assertThat(kept[15]).hasSize(16 * MIB);
        assertThat(live).isGreaterThanOrEqualTo(256L * MIB);
        assertThat(live).isLessThanOrEqualTo(PeakHeap.bytes());
    }

    @Test
    void inUseIsTheLiveHeapOfTheLastCollection() {
        System.gc();
        long before = PeakHeap.inUseBytes();
        byte[][] kept = chunksOf16Mib(8);
        System.gc();
        long after = PeakHeap.inUseBytes();
        assertThat(kept[7]).hasSize(16 * MIB);
        // 128 MiB stayed live through the collection; nothing else of this test did
        assertThat(after - before).isBetween(120L * MIB, 256L * MIB);
    }

    @Test
    void garbageLeftBeforeTheResetIsCollectedAndNotCounted() {
        long whileHeld = peakWhileHolding384Mib(); // 384 MiB of garbage once it returns
        assertThat(whileHeld).isGreaterThanOrEqualTo(384L * MIB);
        PeakHeap.reset();
        // the reset's own collection saw the garbage in its "before" snapshot; it is left out whether it is read
        // at once or notified later
        assertThat(PeakHeap.bytes()).isLessThan(PeakHeap.inUseBytes() + 128L * MIB);
        assertThat(PeakHeap.liveBytes()).isLessThan(PeakHeap.inUseBytes() + 128L * MIB);
    }
}
