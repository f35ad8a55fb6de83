package org.graphrec.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The embedded store's page cache when {@code --pagecache} is not given: twice the store's page-cached files (the
 * record stores and native indexes; Lucene-backed vector and text indexes map their own files) plus 512 MiB, so
 * that a run which doubles the store (a propagate writing a version's vectors and SIMILAR graph) still fits; at
 * least 512 MiB, at most half of the memory the JVM's heap leaves of the machine. Neo4j itself would take half of
 * (RAM − heap) for any store; a fixed 512 MiB made the 1M catalogue's SIMILAR write evict and flush pages as the
 * store passed it (write stage 71.9 s with 512 MiB, 50.9 s with 2 GiB). The cache is allocated as pages are used,
 * so a large bound costs nothing on a small store.
 */
public final class PageCacheSize {

    /** The floor, and the page cache of a new or small store. */
    public static final int MIN_MIB = 512;

    private PageCacheSize() {
    }

    /** The page cache for the store at {@code home} on this machine, MiB. */
    public static int forStore(Path home) {
        long physical = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return of(pageCachedBytes(home), physical, Runtime.getRuntime().maxMemory());
    }

    /** The rule, for a store of {@code storeBytes} on a machine of {@code physicalBytes} and a heap of {@code heap}. */
    static int of(long storeBytes, long physicalBytes, long heapBytes) {
        long mib = 1L << 20;
        long wanted = 2 * storeBytes / mib + MIN_MIB;
        long cap = Math.max(MIN_MIB, (physicalBytes - heapBytes) / 2 / mib);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_MIB, Math.min(wanted, cap)));
    }

    /** Bytes of the files under {@code home}'s databases that Neo4j's page cache maps (not Lucene's). */
    static long pageCachedBytes(Path home) {
        Path databases = home.resolve("data").resolve("databases");
        if (!Files.isDirectory(databases)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(databases)) {
            return files.filter(Files::isRegularFile).filter(p -> !inLuceneIndex(databases.relativize(p)))
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0; // removed while walking
                        }
                    }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static boolean inLuceneIndex(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith("vector-") || name.startsWith("fulltext-") || name.startsWith("text-")) {
                return true;
            }
        }
        return false;
    }
}
