package org.graphrec.shell;

import java.nio.file.Path;
import java.util.Locale;
import org.graphrec.config.Json;
import org.graphrec.config.StateDirectory;
import org.graphrec.importer.BulkMode;
import org.graphrec.importer.CatalogImporter;
import org.graphrec.importer.ImportFormat;
import org.graphrec.importer.ImportRequest;
import org.graphrec.importer.ImportResult;
import org.graphrec.importer.LabelCount;
import org.graphrec.importer.SplitPolicy;
import org.graphrec.progress.ConsoleProgress;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code import}: load a catalogue (MMRec directory, Amazon review JSON, CSV bundle) into the graph. */
@ShellComponent
public class ImportCommands extends SessionCommands {

    public ImportCommands(GraphSession session) {
        super(session);
    }

    @ShellMethod(key = "import", value = "Import a catalogue: an MMRec directory, Amazon review JSON (2014/2018) or a "
            + "CSV bundle manifest. Validates everything before writing; idempotent; resumes an interrupted run.",
            group = "Import")
    public String importCatalogue(
            @ShellOption(help = "dataset directory, bundle manifest (.properties) or input file") String path,
            @ShellOption(help = "mmrec, amazon or bundle (detected when omitted)", defaultValue = ShellOption.NULL)
            String format,
            @ShellOption(help = "keep (the input's split, else random), random (8:1:1 per user) or temporal "
                    + "(leave-last-out)", defaultValue = "keep") String split,
            @ShellOption(help = "seed of the random split", defaultValue = "42") long seed,
            @ShellOption(value = "--max-rejects", help = "rows that may be rejected before the import fails",
                    defaultValue = "0") long maxRejects,
            @ShellOption(help = "file listing rejected rows (file:line, reason, raw text); default "
                    + "<store>/rejects/import-<time>.tsv (with --uri: ~/.local/state/graphrec/<host>-<port>-<db>/…)",
                    defaultValue = ShellOption.NULL) String rejects,
            @ShellOption(value = "--embed-text", help = "embed title + description of items without a text vector "
                    + "(all-MiniLM-L6-v2, in-process)", defaultValue = "false") boolean embedText,
            @ShellOption(help = "auto (Neo4j's bulk import engine into an empty embedded store, else transactions), "
                    + "on (bulk or fail) or off (transactions)", defaultValue = "auto") String bulk,
            @ShellOption(help = "print JSON for scripts", defaultValue = "false") boolean json) {
        ImportRequest request = new ImportRequest(Path.of(path), ImportFormat.parse(format), SplitPolicy.parse(split),
                seed, maxRejects, rejects != null ? Path.of(rejects)
                : StateDirectory.importRejects(StateDirectory.of(session.settings(), System.getenv())), embedText,
                BulkMode.parse(bulk));
        var graph = session.get();
        ImportResult result = new CatalogImporter().importPath(graph, request,
                json ? org.graphrec.progress.ProgressTracker.none() : ConsoleProgress.forStdout());
        return json ? Json.write(result) : render(result);
    }

    /** The human-readable summary of an import. */
    public static String render(ImportResult r) {
        StringBuilder out = new StringBuilder();
        out.append("imported ").append(r.source()).append(" (").append(r.format()).append(")")
                .append(r.resumed() ? ", completing an interrupted run" : "").append(" — run ").append(r.runId())
                .append("\n\n");
        TextTable table = new TextTable("label / type", "rows", "created", "matched");
        for (LabelCount c : r.counts()) {
            table.row(c.name(), fmt(c.rows()), fmt(c.created()), fmt(c.matched()));
        }
        out.append(table.render()).append('\n');
        var s = r.split();
        out.append(String.format(Locale.ROOT, "split:        %s — train %,d / valid %,d / test %,d%n", s.policy(),
                s.train(), s.valid(), s.test()));
        out.append(String.format(Locale.ROOT, "interactions: %,d rows read, %,d repeated user–item pairs merged "
                + "(latest kept)%n", r.interactionsRead(), r.duplicatesDropped()));
        out.append(String.format(Locale.ROOT, "rejects:      %,d%s%n", r.rejects(),
                r.rejectsFile() == null ? "" : " (listed in " + r.rejectsFile() + ")"));
        out.append(String.format(Locale.ROOT, "time:         %.1f s (read + validate %.1f s, write %.1f s), "
                + "%,.0f interactions/s written%s%n", r.seconds(), r.readSeconds(), r.writeSeconds(),
                r.interactionsPerSecond(), r.bulk() ? " (Neo4j's bulk import engine)" : " (transactions)"));
        return out.toString();
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
