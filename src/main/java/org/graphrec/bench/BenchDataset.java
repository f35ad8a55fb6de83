package org.graphrec.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.graphrec.config.UserException;
import org.graphrec.importer.synthetic.SyntheticGenerator;
import org.graphrec.importer.synthetic.SyntheticParameters;
import org.graphrec.progress.ProgressTracker;

/**
 * The input of a benchmark: an existing dataset directory, or a synthetic catalogue of N interactions generated
 * (seeded) into a work directory.
 *
 * @param name       name recorded in results (directory name, or {@code synthetic-<N>})
 * @param path       the dataset directory (a CSV bundle or any format {@code import} reads)
 * @param synthetic  the generator's parameters, or null for an existing dataset
 */
public record BenchDataset(String name, Path path, SyntheticParameters synthetic) {

    /** Users, items and brands for a synthetic catalogue of {@code interactions} (10 per user, 20 per item). */
    public static SyntheticParameters syntheticParameters(long interactions, long seed) {
        if (interactions < 30 || interactions > 100_000_000L) {
            throw new UserException("--synthetic: expected 30 to 100,000,000 interactions, found " + interactions);
        }
        int users = (int) Math.max(10, interactions / 10);
        int items = (int) Math.max(60, interactions / 20);
        int brands = Math.max(1, items / 25);
        return SyntheticParameters.builder().users(users).items(items).brands(brands).interactions(interactions)
                .textDim(32).imageDim(32).seed(seed).build();
    }

    /** Generates a synthetic catalogue into {@code work/synthetic-<N>} (reused when already there). */
    public static BenchDataset synthetic(long interactions, long seed, Path work, ProgressTracker progress) {
        SyntheticParameters p = syntheticParameters(interactions, seed);
        Path dir = work.resolve("synthetic-" + interactions + "-s" + seed);
        if (!Files.exists(dir.resolve(SyntheticGenerator.MANIFEST))) {
            new SyntheticGenerator(p).generate(dir, true, progress);
        }
        return new BenchDataset("synthetic-" + interactions, dir, p);
    }

    /** An existing dataset directory. */
    public static BenchDataset existing(Path path) {
        if (!Files.exists(path)) {
            throw new UserException("--dataset " + path + ": no such file or directory");
        }
        Path name = path.toAbsolutePath().normalize().getFileName();
        return new BenchDataset(name == null ? path.toString() : name.toString(), path, null);
    }

    /** True when the directory holds the CSV files Neo4j's LOAD CSV can read (a graphrec CSV bundle). */
    public boolean isCsvBundle() {
        return Files.isRegularFile(path.resolve("interactions.csv")) && Files.isRegularFile(path.resolve("items.csv"));
    }

    /** Estimated memory of generating the synthetic catalogue, bytes (0 for an existing dataset). */
    public long generatorMemoryEstimate() {
        return synthetic == null ? 0 : new SyntheticGenerator(synthetic).estimateMemoryBytes();
    }

    /**
     * Creates a fresh temporary directory under {@code parent}, as an absolute path without {@code ..}: the bench's
     * work directory defaults to a relative one, and neo4j-admin exits with 70 on a relative file option or one
     * with {@code ..} in it ({@link AdminImportPeer}).
     */
    static Path tempDir(Path parent, String prefix) {
        try {
            Path dir = parent.toAbsolutePath().normalize();
            Files.createDirectories(dir);
            return Files.createTempDirectory(dir, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
