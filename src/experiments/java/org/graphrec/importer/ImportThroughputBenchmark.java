package org.graphrec.importer;

import org.graphrec.experiments.ExperimentOptions;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.graphrec.graph.GraphConnection;
import org.graphrec.progress.ConsoleProgress;
import org.graphrec.testing.TestGraphs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import throughput on ../shared/data/amazon-clothing (278,677 interactions) into a fresh embedded store, then
 * the same import again (all MERGEs match). A benchmark, not a test: runs only with
 * {@code -Dgraphrec.bench=true}, prints its numbers, asserts nothing about time.
 * <pre>mvn -o test -Dtest=ImportThroughputBenchmark -Dgraphrec.bench=true [-Dgraphrec.bench.dataset=amazon-clothing]
 * [-Dgraphrec.bench.batch=20000]</pre>
 */
class ImportThroughputBenchmark {

    @TempDir
    Path store;

    /** CPU time of the threads running the queries (Neo4j's Bolt workers): the database's own cost. */
    private static long boltWorkerCpuNanos() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfoHolder t : ThreadInfoHolder.all()) {
            if (t.name().startsWith("neo4j.BoltWorker")) {
                total += Math.max(0, threads.getThreadCpuTime(t.id()));
            }
        }
        return total;
    }

    private record ThreadInfoHolder(long id, String name) {
        static java.util.List<ThreadInfoHolder> all() {
            return Thread.getAllStackTraces().keySet().stream()
                    .map(t -> new ThreadInfoHolder(t.getId(), t.getName())).toList();
        }
    }

    @Test
    void clothing() {
        ExperimentOptions settings = ExperimentOptions.of("ImportThroughputBenchmark", "bench", "dataset", "batch",
                "dropSplitIndex");
        assumeTrue(settings.flag("bench"), "benchmark: run with -Dgraphrec.bench=true");
        Path data = SharedDataImportTest.DATA.resolve(settings.text("dataset", "amazon-clothing"));
        assumeTrue(Files.isDirectory(data), data + " is absent");
        int batch = settings.integer("batch", 20_000, 1, 10_000_000);
        CatalogueWriter.Options options = new CatalogueWriter.Options(batch, batch, 2_000, -1);
        ConsoleProgress progress = new ConsoleProgress(System.out, false, 2_000, System::currentTimeMillis);
        try (GraphConnection graph = GraphConnection.open(new org.graphrec.config.ConnectionSettings(store, null, null,
                null, null, 0, org.graphrec.config.ConnectionSettings.DEFAULT_PAGE_CACHE_MIB))) {
            org.graphrec.graph.SchemaBootstrap.apply(graph);
            if (settings.flag("dropSplitIndex")) {
                graph.write(tx -> tx.run("DROP INDEX interacted_split").consume());
                System.out.println("BENCH without the INTERACTED.split index");
            }
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();
            for (String pass : new String[]{"fresh store (cold JVM)", "re-import (all matched)",
                    "emptied store (warm JVM)"}) {
                if (pass.startsWith("emptied")) {
                    TestGraphs.clear(graph);
                }
                long cpu0 = os.getProcessCpuTime();
                long bolt0 = boltWorkerCpuNanos();
                ImportResult r = new CatalogImporter(options, null).importPath(graph,
                        ImportRequest.of(data).withRejects(0, store.resolve("rejects.tsv")), progress);
                System.out.printf(Locale.ROOT, "BENCH %s %s batch=%d: %,d interactions, read %.2f s, write %.2f s, "
                                + "%,.0f interactions/s (write), %,.0f interactions/s (end to end)%n", data.getFileName(),
                        pass, batch, r.count("INTERACTED").rows(), r.readSeconds(), r.writeSeconds(),
                        r.interactionsPerSecond(), r.count("INTERACTED").rows() / r.seconds());
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                double bolt = (boltWorkerCpuNanos() - bolt0) / 1e9;
                System.out.printf(Locale.ROOT, "BENCH   Neo4j Bolt worker CPU %.1f s for the whole import: %,.0f "
                        + "interactions per worker CPU-second%n", bolt, r.count("INTERACTED").rows() / bolt);
                System.out.printf(Locale.ROOT, "BENCH   process CPU %.1f s over %.1f s wall (load average %.1f)%n", cpu,
                        r.seconds(), os.getSystemLoadAverage());
                r.counts().forEach(c -> System.out.println("BENCH   " + c));
            }
        }
    }
}
