package org.graphrec.shell;

import java.util.Locale;
import org.graphrec.config.UserException;
import org.graphrec.progress.ConsoleProgress;
import org.graphrec.recommend.ServeLatency;
import org.springframework.shell.Availability;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellMethodAvailability;
import org.springframework.shell.standard.ShellOption;

/** {@code bench serve}: warm p50/p95/p99 latency of the serving commands and their Cypher equivalents. */
@ShellComponent
public class ServeBenchCommands {

    private final EmbeddingAvailability availability;

    public ServeBenchCommands(EmbeddingAvailability availability) {
        this.availability = availability;
    }

    @ShellMethod(key = "bench serve", group = "Serving", value = "Measure warm latency (p50/p95/p99) of recommend, "
            + "similar, neighbours and the equivalent library queries on the current graph, and the index recall.")
    public String benchServe(
            @ShellOption(value = "--warmup", help = "unmeasured calls per operation", defaultValue = "200") int warmup,
            @ShellOption(value = "--samples", help = "measured calls per operation", defaultValue = "1000")
            int samples,
            @ShellOption(value = "--k", help = "list length", defaultValue = "10") int k,
            @ShellOption(value = "--seed", help = "seed of the user/item sample", defaultValue = "1") long seed,
            @ShellOption(value = "--json", help = "print JSON for scripts", defaultValue = "false") boolean json) {
        if (warmup < 0 || samples < 1 || k < 1) {
            throw new UserException("--warmup must be >= 0, --samples and --k >= 1");
        }
        var result = ServeLatency.measure(availability.requireRun(), new ServeLatency.Parameters(warmup, samples, k,
                seed), ConsoleProgress.forStdout());
        if (json) {
            return Json.write(result);
        }
        return String.format(Locale.ROOT, "%,d users and %,d items with fused embeddings; %d warm-up + %d measured "
                + "calls per operation%n%n", result.users(), result.items(), warmup, samples) + result.markdown()
                + String.format(Locale.ROOT, "%nrecommend vs exact scan: recall@%d = %.4f, identical lists = %.1f%%; "
                + "recommend/for-user-index (vector indexes): recall@%d = %.4f, identical lists = %.1f%%%n",
                k, result.recallAtK(), 100 * result.exactLists(), k, result.indexRecallAtK(),
                100 * result.indexExactLists());
    }

    @ShellMethodAvailability("bench serve")
    public Availability embeddingsAvailable() {
        return availability.check();
    }
}
