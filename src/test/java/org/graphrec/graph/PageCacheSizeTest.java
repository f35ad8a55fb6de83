package org.graphrec.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageCacheSizeTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    @TempDir
    Path home;

    @Test
    void twiceTheStorePlusHalfAGibibyteBetweenTheFloorAndHalfOfWhatTheHeapLeaves() {
        assertThat(PageCacheSize.of(0, 24 * GIB, 8 * GIB)).isEqualTo(512);           // a new store
        assertThat(PageCacheSize.of(194 * MIB, 24 * GIB, 8 * GIB)).isEqualTo(900);   // 2 × 194 + 512
        assertThat(PageCacheSize.of(15 * GIB, 24 * GIB, 8 * GIB)).isEqualTo(8192);   // capped: (24 − 8) / 2 GiB
        assertThat(PageCacheSize.of(15 * GIB, 8 * GIB, 7 * GIB)).isEqualTo(512);     // never below the floor
    }

    @Test
    void countsRecordStoresAndNativeIndexesButNotLuceneIndexes() throws Exception {
        assertThat(PageCacheSize.pageCachedBytes(home)).isZero();
        Path db = Files.createDirectories(home.resolve("data/databases/neo4j"));
        Files.write(db.resolve("neostore.nodestore.db"), new byte[3000]);
        Path range = Files.createDirectories(db.resolve("schema/index/range-1.0/3"));
        Files.write(range.resolve("index-3"), new byte[500]);
        Path vector = Files.createDirectories(db.resolve("schema/index/vector-2.0/7"));
        Files.write(vector.resolve("segments_1"), new byte[9000]);
        Files.write(Files.createDirectories(home.resolve("data/transactions/neo4j")).resolve("neostore.transaction"
                + ".db.0"), new byte[7000]);
        assertThat(PageCacheSize.pageCachedBytes(home)).isEqualTo(3500);
    }
}
