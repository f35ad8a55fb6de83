package org.graphrec.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The peak bookkeeping fed hand-made collection snapshots: no collector, no notification thread, no timing. */
class HeapPeaksTest {

    private final HeapPeaks peaks = new HeapPeaks();

    @Test
    void aCollectionsBeforeSnapshotRaisesThePeakAndItsAfterSnapshotTheLivePeak() {
        peaks.reset(Map.of(), 100);
        peaks.observe("young", 1, 500, 120);
        peaks.observe("young", 2, 300, 180);
        // the heap is back at 110 when read: the freed 390 bytes still count in the peak
        assertThat(peaks.peak(110)).isEqualTo(500);
        assertThat(peaks.live(110)).isEqualTo(180);
    }

    @Test
    void withoutACollectionThePeakIsTheLargestOccupancyReadAndTheLivePeakTheCurrentOne() {
        peaks.reset(Map.of(), 100);
        assertThat(peaks.peak(90)).isEqualTo(100);
        assertThat(peaks.peak(250)).isEqualTo(250);
        assertThat(peaks.peak(120)).isEqualTo(250);
        assertThat(peaks.live(120)).isEqualTo(120);
        assertThat(peaks.live(130)).isEqualTo(130);
    }

    @Test
    void collectionsUpToTheResetAreIgnoredWhenEverTheyAreReported() {
        peaks.reset(Map.of("young", 5L, "old", 2L), 100);
        peaks.observe("young", 5, 1_000, 900); // the reset's own collection, notified late
        peaks.observe("old", 1, 2_000, 800);
        peaks.observe("old", 2, 3_000, 700);
        assertThat(peaks.peak(100)).isEqualTo(100);
        assertThat(peaks.live(105)).isEqualTo(105);
        peaks.observe("young", 6, 300, 150);
        peaks.observe("other", 1, 200, 160); // a collector the reset had not seen run: all of it is new
        assertThat(peaks.peak(100)).isEqualTo(300);
        assertThat(peaks.live(100)).isEqualTo(160);
    }

    @Test
    void aCollectionReportedTwiceCountsOnce() {
        peaks.reset(Map.of(), 10);
        peaks.observe("old", 1, 400, 40); // read at once by a peak query
        peaks.observe("old", 1, 400, 40); // then its notification
        assertThat(peaks.peak(10)).isEqualTo(400);
        assertThat(peaks.live(10)).isEqualTo(40);
    }

    @Test
    void aResetForgetsThePreviousMeasurement() {
        peaks.reset(Map.of(), 10);
        peaks.observe("old", 1, 400, 300);
        peaks.reset(Map.of("old", 1L), 50);
        assertThat(peaks.peak(20)).isEqualTo(50);
        assertThat(peaks.live(20)).isEqualTo(20);
    }
}
