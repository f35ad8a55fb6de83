package org.graphrec.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.graphrec.config.Json;
import org.graphrec.config.UserException;
import org.graphrec.eval.EvaluationParameters;
import org.graphrec.propagation.EvaluationService;
import org.graphrec.progress.ConsoleProgress;
import org.graphrec.core.InteractionGraph.Split;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code evaluate}: MMRec-protocol metrics of the stored fused embeddings. */
@ShellComponent
public class EvaluateCommands extends SessionCommands {

    public EvaluateCommands(GraphSession session) {
        super(session);
    }

    @ShellMethod(key = "evaluate", value = "Rank all items for every user with held-out interactions by the stored "
            + "embeddings (train items masked) and report Recall, NDCG, Precision, coverage, Gini, novelty.",
            group = "Propagation")
    public String evaluate(
            @ShellOption(help = "cutoffs, comma-separated", defaultValue = "10,20,50") String k,
            @ShellOption(help = "test or valid", defaultValue = "test") String split,
            @ShellOption(help = "also write the metrics as JSON to this file", defaultValue = ShellOption.NULL)
            String json) {
        EvaluationParameters parameters = parameters(k, split);
        EvaluationService.Report report = new EvaluationService(session.get(), ConsoleProgress.forStdout())
                .evaluate(parameters);
        if (json != null) {
            try {
                Path file = Path.of(json);
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(file, Json.write(report.asJson()) + "\n");
            } catch (IOException e) {
                throw new UserException("--json: cannot write " + json + ": " + e.getMessage());
            }
        }
        return render(report, parameters) + (json == null ? "" : "\nwrote " + json + "\n");
    }

    static EvaluationParameters parameters(String k, String split) {
        Split s = Split.parse(split);
        if (s == null || s == Split.TRAIN) {
            throw new UserException("--split: expected test or valid, found '" + split + "'");
        }
        int[] cutoffs;
        try {
            cutoffs = Arrays.stream(k.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new UserException("--k: expected comma-separated positive integers like 10,20,50, found '" + k
                    + "'");
        }
        if (cutoffs.length == 0 || Arrays.stream(cutoffs).anyMatch(c -> c <= 0)) {
            throw new UserException("--k: expected comma-separated positive integers like 10,20,50, found '" + k
                    + "'");
        }
        return EvaluationParameters.of(s, cutoffs);
    }

    static String render(EvaluationService.Report report, EvaluationParameters p) {
        var r = report.result();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "dataset %s, mode %s (d = %d), split %s, %,d users, %.1f s%n%n", report.dataset(), report.mode(),
                report.dimension(), r.split().label(), r.users(), r.seconds()));
        TextTable table = new TextTable("K", "recall", "ndcg", "precision", "coverage", "gini", "novelty");
        for (int k : p.cutoffs()) {
            table.row(k, PropagateCommands.f(r.get("recall@" + k)), PropagateCommands.f(r.get("ndcg@" + k)),
                    PropagateCommands.f(r.get("precision@" + k)), PropagateCommands.f(r.get("coverage@" + k)),
                    PropagateCommands.f(r.get("gini@" + k)), PropagateCommands.f(r.get("novelty@" + k)));
        }
        out.append(table.render());
        out.append("\ncold-start recall@20: ").append(PropagateCommands.f(r.get("coldRecall@20")))
                .append(" ranked among all items, ").append(PropagateCommands.f(r.get("coldOnlyRecall@20")))
                .append(" among the cold items only (held-out ").append(r.split().label())
                .append(" items without train interactions)\n");
        if (report.holdOut() != null) {
            out.append(String.format(Locale.ROOT, "protocol: %s of the items held out as new (seed %d), as "
                    + "recorded on the published run%n", report.holdOut().fraction(), report.holdOut().seed()));
        }
        return out.toString();
    }
}
