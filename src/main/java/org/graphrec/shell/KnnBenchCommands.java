package org.graphrec.shell;

import java.nio.file.Path;
import java.util.Arrays;
import org.graphrec.bench.BenchResult;
import org.graphrec.bench.KnnBench;
import org.graphrec.core.HnswKnn;
import org.graphrec.progress.ConsoleProgress;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/**
 * {@code bench knn}: exact kNN against the pure GEMM bound of the same blocks on seeded synthetic vectors, in one
 * process (no store needed); writes {@code <out>/results.json} like the other benchmarks.
 */
@ShellComponent
public class KnnBenchCommands {

    @ShellMethod(key = "bench knn", group = BenchCommands.GROUP, value = "Exact kNN (ExactKnn) against the pure ND4J "
            + "GEMM of the same blocks on seeded synthetic vectors: seconds, GFLOP/s and their ratio per size.")
    public String benchKnn(
            @ShellOption(help = "comma-separated ITEMSxDIMENSION sizes", defaultValue = "50000x64,23000x384,100000x64")
            String sizes,
            @ShellOption(help = "neighbours per item", defaultValue = "10") int k,
            @ShellOption(help = "seed of the synthetic vectors", defaultValue = "42") long seed,
            @ShellOption(help = "measured runs per size", defaultValue = "3") int repeats,
            @ShellOption(help = "also time the approximate HNSW kNN and measure its recall@k", defaultValue = "true")
            boolean approx,
            @ShellOption(value = "--exact-max-items", help = "sizes above this many items time only the approximate "
                    + "path", defaultValue = "1000000") int exactMaxItems,
            @ShellOption(value = "--max-connections", help = "HNSW M", defaultValue = "16") int maxConnections,
            @ShellOption(value = "--beam-width", help = "HNSW build beam", defaultValue = "100") int beamWidth,
            @ShellOption(value = "--ef-search", help = "HNSW search candidate list", defaultValue = "100")
            int efSearch,
            @ShellOption(help = "output directory for results.json", defaultValue = "docs/results/knn-synthetic")
            String out) {
        var parameters = new KnnBench.Parameters(Arrays.stream(sizes.split(",")).filter(s -> !s.isBlank())
                .map(KnnBench.Size::parse).toList(), k, seed, repeats, approx, exactMaxItems,
                new HnswKnn.Settings(maxConnections, beamWidth, efSearch, seed, HnswKnn.DEFAULT_RECALL_SAMPLE));
        BenchResult result = new KnnBench(ConsoleProgress.forStdout()).run(parameters);
        Path dir = Path.of(out);
        result.write(dir);
        return BenchCommands.render(result, dir);
    }
}
