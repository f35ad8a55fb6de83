package org.graphrec.shell;

import java.io.IOException;
import java.nio.file.Path;
import org.graphrec.chaos.ChaosRun;
import org.graphrec.config.UserException;
import org.graphrec.progress.ConsoleProgress;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code bench chaos}: the crash-safety test of docs/reliability.md, in scratch stores of its own. */
@ShellComponent
public class ChaosCommands {

    @ShellMethod(key = "bench chaos", value = "Kill graphrec jobs with SIGKILL at seeded points across import, "
            + "propagate, refresh and publish, recover, check invariants; then 4 Bolt readers during publishes "
            + "(docs/reliability.md).", group = "Benchmarks")
    public String benchChaos(
            @ShellOption(help = "SIGKILLs to deliver (the full run: 30)", defaultValue = "30") int kills,
            @ShellOption(help = "random seed of the catalogue, steps and kill points", defaultValue = "17") long seed,
            @ShellOption(help = "synthetic users", defaultValue = "400") int users,
            @ShellOption(help = "synthetic items", defaultValue = "150") int items,
            @ShellOption(help = "embedding dimension", defaultValue = "16") int dimension,
            @ShellOption(help = "concurrent reader threads over Bolt (0 = skip)", defaultValue = "4") int readers,
            @ShellOption(help = "scratch directory (its stores are re-used only for the catalogue)",
                    defaultValue = "target/chaos-work") String work) throws IOException, InterruptedException {
        if (kills < 1 || users < 20 || items < 20 || dimension < 2 || readers < 0) {
            throw new UserException("bench chaos: expected --kills ≥ 1, --users ≥ 20, --items ≥ 20, --dimension ≥ 2, "
                    + "--readers ≥ 0, found " + kills + ", " + users + ", " + items + ", " + dimension + ", "
                    + readers);
        }
        Path dir = Path.of(work).toAbsolutePath();
        deleteStores(dir);
        var report = new ChaosRun(new ChaosRun.Parameters(seed, kills, users, items, dimension, readers, dir),
                ConsoleProgress.forStdout()).run();
        String text = ChaosRun.render(report);
        if (report.violations() > 0) {
            throw new JobOutcome(text, 1);
        }
        return text;
    }

    /** A new run starts from scratch: catalogue, stores and the children's output. */
    private static void deleteStores(Path dir) throws IOException {
        for (String name : new String[] {"reference-store", "chaos-store", "runs", "landing"}) {
            Path p = dir.resolve(name);
            if (java.nio.file.Files.exists(p)) {
                try (var walk = java.nio.file.Files.walk(p)) {
                    for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.delete(f);
                    }
                }
            }
        }
    }
}
