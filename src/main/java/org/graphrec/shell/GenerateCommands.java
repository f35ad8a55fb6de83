package org.graphrec.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.graphrec.config.Json;
import org.graphrec.config.Suggestions;
import org.graphrec.config.UserException;
import org.graphrec.importer.synthetic.SyntheticGenerator;
import org.graphrec.importer.synthetic.SyntheticParameters;
import org.graphrec.importer.synthetic.SyntheticResult;
import org.graphrec.progress.ConsoleProgress;
import org.graphrec.progress.ProgressTracker;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code generate}: writes a synthetic catalogue with learnable structure, for demos, tests and benchmarks. */
@ShellComponent
public class GenerateCommands {

    private static final List<String> LAYOUTS = List.of("bundle", "mmrec");

    @ShellMethod(key = "generate", value = "Write a synthetic catalogue (CSV bundle + .npy text/image vectors, or an "
            + "MMRec directory) with taste clusters, power-law popularity, brands and timestamps; deterministic "
            + "per seed.", group = "Import")
    public String generate(
            @ShellOption(help = "number of users (required)", defaultValue = ShellOption.NULL) Integer users,
            @ShellOption(help = "number of items, at least 10 (required)", defaultValue = ShellOption.NULL)
            Integer items,
            @ShellOption(help = "number of brands, at most --items (required)", defaultValue = ShellOption.NULL)
            Integer brands,
            @ShellOption(help = "seed of every random step", defaultValue = "42") long seed,
            @ShellOption(help = "output directory, absent or empty unless --force (required)",
                    defaultValue = ShellOption.NULL)
            String out,
            @ShellOption(help = "total interactions (default: 10 per user)", defaultValue = ShellOption.NULL)
            Long interactions,
            @ShellOption(value = "--mean-activity", help = "mean interactions per user, instead of --interactions",
                    defaultValue = ShellOption.NULL) Double meanActivity,
            @ShellOption(help = "number of categories (default: 3/4 of the clusters, 2–40)",
                    defaultValue = ShellOption.NULL) Integer categories,
            @ShellOption(value = "--text-dim", help = "text vector dimension", defaultValue = "64") int textDim,
            @ShellOption(value = "--image-dim", help = "image vector dimension", defaultValue = "64") int imageDim,
            @ShellOption(help = "latent taste clusters (default: sqrt(items)/4, 2–200)",
                    defaultValue = ShellOption.NULL) Integer clusters,
            @ShellOption(help = "also split the last D days into daily increment bundles day-01 … day-D",
                    defaultValue = "0") int days,
            @ShellOption(help = "bundle (CSV bundle of graph-import/BUNDLE-FORMAT.md) or mmrec",
                    defaultValue = "bundle")
            String layout,
            @ShellOption(help = "replace the files of a previous generate run in --out", defaultValue = "false")
            boolean force,
            @ShellOption(help = "print the summary as JSON", defaultValue = "false") boolean json) {
        if (out == null || out.isBlank()) {
            throw new UserException("--out is required: the directory to write the catalogue to");
        }
        SyntheticParameters parameters = SyntheticParameters.builder().users(users).items(items).brands(brands)
                .seed(seed).interactions(interactions).meanActivity(meanActivity).categories(categories)
                .textDim(textDim).imageDim(imageDim).clusters(clusters).days(days).layout(layout(layout)).build();
        SyntheticResult result = run(parameters, Path.of(out), force, ConsoleProgress.forStdout());
        return json ? Json.write(result) : render(result);
    }

    /** Runs the generator; public so tests and scripts can call it without a shell. */
    public static SyntheticResult run(SyntheticParameters parameters, Path out, boolean force,
            ProgressTracker progress) {
        return new SyntheticGenerator(parameters).generate(out.toAbsolutePath().normalize(), force, progress);
    }

    static SyntheticParameters.Layout layout(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!LAYOUTS.contains(v)) {
            throw new UserException("--layout must be bundle or mmrec, found '" + value + "'"
                    + Suggestions.didYouMean(v, LAYOUTS));
        }
        return SyntheticParameters.Layout.valueOf(v.toUpperCase(Locale.ROOT));
    }

    /** The human-readable summary of a run. */
    public static String render(SyntheticResult r) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "generated %,d users, %,d items (%,d cold, %,d without brand), %,d "
                + "brands, %,d categories, %,d clusters, %,d interactions in %.1f s (%,.0f interactions/s)%n",
                r.users(), r.items(), r.coldItems(), r.unbrandedItems(), r.brands(), r.categories(), r.clusters(),
                r.interactions(), r.seconds(), r.interactionsPerSecond()));
        TextTable parts = new TextTable("directory", "users", "items", "interactions");
        for (SyntheticResult.Part part : r.bundles()) {
            parts.row(part.directory(), String.format(Locale.ROOT, "%,d", part.users()),
                    String.format(Locale.ROOT, "%,d", part.items()),
                    String.format(Locale.ROOT, "%,d", part.interactions()));
        }
        text.append(parts.render());
        text.append(r.files().size()).append(" files written");
        Path manifest = r.directory().resolve(SyntheticGenerator.MANIFEST);
        if (r.files().contains(manifest)) {
            text.append("; import with: import --format bundle --path ").append(manifest);
            if (r.bundles().size() > 1) {
                text.append("\nthen one increment per night, in order: import --format bundle --path ")
                        .append(r.bundles().get(1).directory()).append(" … ")
                        .append(r.bundles().get(r.bundles().size() - 1).directory().getFileName());
            }
        } else {
            text.append("; import with: import --format mmrec --path ").append(r.directory());
        }
        return text.append('\n').toString();
    }
}
