package org.graphrec.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graphrec.graph.GraphConnection;
import org.graphrec.stats.GraphStats;
import org.graphrec.importer.CatalogImporter;
import org.graphrec.importer.ImportRequest;
import org.graphrec.importer.synthetic.SyntheticGenerator;
import org.graphrec.importer.synthetic.SyntheticParameters;
import org.graphrec.progress.ConsoleProgress;
import org.graphrec.propagation.PropagationService;
import org.graphrec.recommend.EmbeddingRecommender;
import org.graphrec.recommend.Explainer;
import org.graphrec.recommend.RecommendRequest;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/**
 * {@code demo}: the guided tour. Generates a synthetic catalogue, imports it, propagates, and prints
 * recommendations with explanations for a few users, leaving the store ready for the interactive shell. Steps
 * already done (same catalogue imported, embeddings newer than the import) are skipped, so it can be re-run.
 */
@ShellComponent
public class DemoCommands extends SessionCommands {

    public DemoCommands(GraphSession session) {
        super(session);
    }

    @ShellMethod(key = "demo", value = "Generate a synthetic catalogue, import it, propagate, and show "
            + "recommendations with explanations for a few users.", group = "Graph")
    public String demo(
            @ShellOption(help = "synthetic users", defaultValue = "2000") int users,
            @ShellOption(help = "synthetic items", defaultValue = "1000") int items,
            @ShellOption(help = "synthetic brands", defaultValue = "40") int brands,
            @ShellOption(help = "random seed of the catalogue and the propagation", defaultValue = "42") long seed,
            @ShellOption(help = "users to show recommendations for", defaultValue = "3") int show) {
        GraphConnection graph = session.get();
        var progress = ConsoleProgress.forStdout();
        StringBuilder out = new StringBuilder("graph: ").append(graph.describe()).append("\n\n");

        SyntheticParameters parameters = SyntheticParameters.builder().users(users).items(items).brands(brands)
                .seed(seed).build();
        String source = parameters.name();
        if (importedAlready(graph, source)) {
            out.append("1–2. catalogue '").append(source).append("' is already imported — skipped\n");
        } else {
            Path dir = catalogueDirectory(graph, source);
            progress.log("1. generating the synthetic catalogue '" + source + "' into " + dir);
            var generated = new SyntheticGenerator(parameters).generate(dir, true, progress);
            out.append("1. generated ").append(generated.users()).append(" users, ").append(generated.items())
                    .append(" items, ").append(generated.interactions()).append(" interactions in ").append(dir)
                    .append('\n');
            progress.log("2. importing it");
            var imported = new CatalogImporter().importPath(graph,
                    ImportRequest.of(dir.resolve(SyntheticGenerator.MANIFEST)), progress);
            out.append("2. imported: ").append(ImportCommands.render(imported).lines().findFirst().orElse(""))
                    .append('\n');
        }

        if (propagatedSinceImport(graph)) {
            out.append("3. embeddings are newer than the import — propagation skipped\n");
        } else {
            progress.log("3. propagating (closed-form, all modalities, brands and categories)");
            var parameters3 = PropagateCommands.parameters("closed-form", 64, 10, null, false, false, 0.3, 0.3, 0.3,
                    4, 0.5, 0.5, 4, seed, false, false, null);
            var summary = new PropagationService(graph, progress).run(parameters3);
            out.append(String.format(java.util.Locale.ROOT,
                    "3. propagated %s, d = %d, in %.1f s: validation Recall@20 %.4f, NDCG@20 %.4f%n",
                    summary.mode(), summary.dimension(), summary.timings().getOrDefault("total", 0.0),
                    summary.validation().getOrDefault("recall@20", Double.NaN),
                    summary.validation().getOrDefault("ndcg@20", Double.NaN)));
        }

        out.append("\n4. recommendations for the most active users, with why the first one was chosen\n");
        var recommender = new EmbeddingRecommender(graph);
        var explainer = new Explainer(graph);
        for (String user : mostActiveUsers(graph, show)) {
            var recommendations = recommender.recommend(RecommendRequest.of(user, 5));
            out.append("\ntop 5 for user ").append(user).append(":\n")
                    .append(ServingOutput.recommendations(recommendations));
            if (!recommendations.items().isEmpty()) {
                var top = recommendations.items().get(0).itemId();
                out.append(ServingOutput.explanation(explainer.explain(user, top, 3)));
            }
        }
        out.append("\n5. the graph now\n\n").append(StatsCommands.render(GraphStats.read(graph)));
        out.append("\nnext: shell/graphrec (interactive) — try 'recommend --user ").append(
                mostActiveUsers(graph, 1).stream().findFirst().orElse("ID"))
                .append("', 'similar --item ID --by image', 'explain --user ID --item ID', 'cypher NAME'\n");
        return out.toString();
    }

    private static Path catalogueDirectory(GraphConnection graph, String source) {
        Path base = graph.embedded().map(e -> e.home().resolve("demo-catalogues"))
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "graphrec-demo"));
        try {
            Files.createDirectories(base);
        } catch (java.io.IOException e) {
            throw new org.graphrec.config.UserException("cannot create " + base + ": " + e.getMessage());
        }
        return base.resolve(source);
    }

    private static boolean importedAlready(GraphConnection graph, String source) {
        return graph.read(tx -> tx.run("MATCH (r:ImportRun {source: $source, status: 'done'}) RETURN count(r) AS n",
                Map.of("source", source)).single().get("n").asLong()) > 0;
    }

    private static boolean propagatedSinceImport(GraphConnection graph) {
        return graph.read(tx -> tx.run("""
                OPTIONAL MATCH (v:PublishedVersion {name: 'fused'})
                OPTIONAL MATCH (p:PropagationRun {version: v.version}) WITH max(p.createdAt) AS propagated
                OPTIONAL MATCH (r:ImportRun {status: 'done'}) WITH propagated, max(r.finishedAt) AS imported
                RETURN propagated IS NOT NULL AND (imported IS NULL OR propagated > datetime(imported)) AS fresh
                """).single().get("fresh").asBoolean());
    }

    private static List<String> mostActiveUsers(GraphConnection graph, int n) {
        return graph.read(tx -> tx.run("""
                MATCH (u:User)-[r:INTERACTED {split: 'train'}]->()
                WITH u, count(r) AS interactions ORDER BY interactions DESC, u.id LIMIT $n
                RETURN u.id AS id
                """, Map.of("n", n)).list(r -> r.get("id").asString()));
    }
}
