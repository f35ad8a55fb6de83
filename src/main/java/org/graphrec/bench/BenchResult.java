package org.graphrec.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graphrec.config.Json;

/**
 * What one {@code bench} subcommand measured; serialised as {@code results.json}.
 *
 * @param benchmark    import, serve, propagate or scale
 * @param dataset      the dataset name (e.g. {@code synthetic-s42}) and its size
 * @param machine      machine, date and commit
 * @param parameters   the run's parameters (warm-up, repeats, sizes …)
 * @param measurements every number with its unit
 * @param ratios       comparisons measured in the same run, name → ratio (dimensionless; the name says what is divided by what)
 * @param charts       chart file names, relative to the results file
 * @param notes        remarks a reader needs (what differs between the compared runs, skipped parts)
 */
public record BenchResult(String benchmark, String dataset, Machine machine, Map<String, Object> parameters,
                          List<Measurement> measurements, Map<String, Double> ratios, List<String> charts,
                          List<String> notes) {

    /** File name of the serialised result. */
    public static final String FILE = "results.json";

    /** The measurement called {@code name}, or null. */
    public Measurement measurement(String name) {
        return measurements.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    /** The same result with these charts. */
    public BenchResult withCharts(List<String> files) {
        return new BenchResult(benchmark, dataset, machine, parameters, measurements, ratios,
                files.stream().filter(java.util.Objects::nonNull).toList(), notes);
    }

    /** Writes {@code dir/results.json} (creating {@code dir}) and returns its path. */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE);
            Json.prettyWriter().writeValue(file.toFile(), this);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
        }
    }

    /** Reads a results file. */
    public static BenchResult read(Path file) {
        try {
            return Json.mapper().readValue(file.toFile(), BenchResult.class);
        } catch (IOException e) {
            throw new org.graphrec.config.UserException(file + ": not a benchmark results file (" + e.getMessage()
                    .lines().findFirst().orElse("") + ")");
        }
    }
}
