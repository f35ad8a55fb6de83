package org.graphrec.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The machine and code a benchmark ran on, recorded beside every number.
 *
 * @param cores         available processors
 * @param ramBytes      physical memory, bytes
 * @param maxHeapBytes  JVM maximum heap, bytes
 * @param java          Java runtime version and vendor
 * @param os            operating system name, version, architecture
 * @param loadAverage   one-minute system load average when the run started (the machine may be shared)
 * @param date          ISO-8601 instant the run started
 * @param commit        {@code git rev-parse HEAD} of the working directory, or "unknown"
 */
public record Machine(int cores, long ramBytes, long maxHeapBytes, String java, String os, double loadAverage,
                      String date, String commit) {

    /** Describes this JVM and machine now. */
    public static Machine current() {
        long ram = -1;
        var bean = ManagementFactory.getOperatingSystemMXBean();
        if (bean instanceof com.sun.management.OperatingSystemMXBean os) {
            ram = os.getTotalMemorySize();
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), ram, Runtime.getRuntime().maxMemory(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                bean.getSystemLoadAverage(), Instant.now().toString(), gitCommit(Path.of("")));
    }

    /** The commit checked out in {@code dir}, or "unknown" when git or the repository is absent. */
    static String gitCommit(Path dir) {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(dir.toAbsolutePath().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.matches("[0-9a-f]{40}")) {
                return "unknown";
            }
            return out;
        } catch (Exception e) {
            return "unknown";
        }
    }
}
