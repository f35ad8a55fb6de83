package org.graphrec.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.graphrec.config.ConnectionSettings;
import org.graphrec.graph.GraphConnection;
import org.graphrec.importer.synthetic.SyntheticGenerator;
import org.graphrec.importer.synthetic.SyntheticParameters;
import org.graphrec.jobs.Faults;
import org.graphrec.progress.ProgressTracker;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;

/**
 * The chaos run. On a seeded synthetic catalogue (a base bundle and daily increments) it first runs import,
 * propagate and refresh uninterrupted in a reference store, then, in the chaos store, {@code kills} times: picks
 * a step (import, propagate, refresh, or the publish inside propagate/refresh) and a kill point (a fault pause
 * point or a seeded delay into the step), kills the child process with SIGKILL there, re-runs the step at once
 * (the recovery: it must succeed, without waiting for a lease) and checks {@link ChaosInvariants}. Finally
 * {@link ConcurrentReaders} read over Bolt from {@code server} while two {@code propagate --uri} runs publish.
 */
public final class ChaosRun {

    /**
     * @param seed       every random choice (catalogue, steps, kill points, reader picks)
     * @param kills      SIGKILLs to deliver (the full run: 30 or more)
     * @param users      synthetic users
     * @param items      synthetic items
     * @param dimension  embedding dimension of propagate/refresh
     * @param readers    concurrent reader threads (0 = skip the reader phase)
     * @param work       scratch directory (stores, catalogue, the children's output)
     */
    public record Parameters(long seed, int kills, int users, int items, int dimension, int readers, Path work) {
    }

    /** One kill: where, and what the recovery and the checks found. */
    public record Kill(int round, String step, String point, double killedAfterSeconds, int recoveryExit,
                       double recoverySeconds, List<String> notes, List<String> violations) {
    }

    /** Everything the run measured. */
    public record Report(Parameters parameters, List<Kill> kills, int finishedBeforeKill,
                         ConcurrentReaders.Outcome readers, Set<Long> publishedDuringReaders, double seconds,
                         String machine) {
        public long violations() {
            return kills.stream().mapToLong(k -> k.violations().size()).sum() + (readers == null ? 0
                    : readers.errors() + readers.mixedAnswers() + readers.incompleteKnn()
                    + readers.versionsSeen().stream().filter(v -> !publishedDuringReaders.contains(v)).count());
        }
    }

    private static final String[] STEPS = {"import", "propagate", "refresh", "publish"};
    /** Neighbours per item: refresh's fixed k. */
    private static final int K = 10;

    private final Parameters p;
    private final ProgressTracker progress;
    private final Random random;
    private final Map<String, Double> referenceSeconds = new HashMap<>();
    private Map<String, Long> countsAfterImport;
    private Map<String, Long> countsAfterRefresh;
    private long similarAfterImport;
    private long similarAfterRefresh;
    private int childRuns;

    public ChaosRun(Parameters p, ProgressTracker progress) {
        this.p = p;
        this.progress = progress;
        this.random = new Random(p.seed());
    }

    public Report run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Files.createDirectories(p.work());
        Path landing = p.work().resolve("landing");
        if (!Files.exists(landing.resolve(SyntheticGenerator.MANIFEST))) {
            new SyntheticGenerator(SyntheticParameters.builder().users(p.users()).items(p.items())
                    .brands(Math.max(2, p.items() / 15)).days(2).seed(p.seed()).build())
                    .generate(landing, false, ProgressTracker.none());
        }
        reference(landing);
        Path store = p.work().resolve("chaos-store");
        List<Kill> kills = new ArrayList<>();
        int finishedFirst = 0;
        boolean published = false;
        boolean refreshed = false;
        for (int round = 0; kills.size() < p.kills() && round < 4 * p.kills() + 4; round++) {
            String step = round == 0 ? "import" : STEPS[random.nextInt(STEPS.length)];
            boolean viaRefresh = step.equals("refresh") || step.equals("publish") && random.nextBoolean();
            String command = step.equals("import") ? "import" : viaRefresh ? "refresh" : "propagate";
            List<String> args = args(command, store, landing);
            String point = killPoint(step, refreshed);
            Map<String, String> env = point.startsWith("+") ? Map.of() : Map.of(Faults.ENV, point);
            ChildGraphrec child = ChildGraphrec.start(child("round-" + round + "-" + step), env, args);
            double after;
            if (point.startsWith("+")) {
                after = Double.parseDouble(point.substring(1));
                Thread.sleep((long) (after * 1000));
            } else {
                long t = System.nanoTime();
                child.awaitOutput("FAULT-PAUSE " + point, 10);
                after = (System.nanoTime() - t) / 1e9;
            }
            if (!child.isAlive()) {
                finishedFirst++; // the step ended before the kill point: not a kill; its effects stay
                progress.log("round " + round + ": " + command + " finished before the kill point " + point);
                boolean ok = child.await(1).exitCode() == 0;
                published |= !command.equals("import") && ok;
                refreshed |= command.equals("refresh") && ok;
                continue;
            }
            child.kill9();
            ChildGraphrec.Result recovery = ChildGraphrec.run(child("round-" + round + "-recovery"), Map.of(), args,
                    30);
            published |= !command.equals("import") && recovery.exitCode() == 0;
            refreshed |= command.equals("refresh") && recovery.exitCode() == 0;
            List<String> violations = new ArrayList<>();
            if (recovery.exitCode() != 0) {
                violations.add("recovery '" + command + "' exited " + recovery.exitCode() + ": "
                        + lastLines(recovery.all()));
            }
            try (GraphConnection g = GraphConnection.open(ConnectionSettings.embedded(store))) {
                violations.addAll(ChaosInvariants.check(g, refreshed ? countsAfterRefresh : countsAfterImport,
                        !published ? -1 : refreshed ? similarAfterRefresh : similarAfterImport));
            }
            Kill kill = new Kill(round, step, point.startsWith("+") ? "after " + point.substring(1) + " s"
                    : "fault point '" + point + "' of " + command, after, recovery.exitCode(), recovery.seconds(),
                    notes(recovery.all()), violations);
            kills.add(kill);
            progress.log(String.format(Locale.ROOT, "kill %d/%d: %s at %s; recovery exit %d in %.0f s; %s",
                    kills.size(), p.kills(), step, kill.point(), recovery.exitCode(), recovery.seconds(),
                    violations.isEmpty() ? "invariants hold" : "VIOLATIONS " + violations));
        }
        ConcurrentReaders.Outcome readers = null;
        Set<Long> versions = new TreeSet<>();
        if (p.readers() > 0) {
            readers = readers(store, landing, versions);
        }
        return new Report(p, kills, finishedFirst, readers, versions, (System.nanoTime() - start) / 1e9,
                machine());
    }

    /** The uninterrupted run: catalogue counts and published kNN graph size after import (+ propagate), refresh. */
    private void reference(Path landing) throws IOException, InterruptedException {
        Path store = p.work().resolve("reference-store");
        for (String command : List.of("import", "propagate", "refresh")) {
            ChildGraphrec.Result r = ChildGraphrec.run(child("reference-" + command), Map.of(),
                    args(command, store, landing), 30);
            if (r.exitCode() != 0) {
                throw new IllegalStateException("the uninterrupted " + command + " failed (exit " + r.exitCode()
                        + "): " + lastLines(r.all()));
            }
            referenceSeconds.put(command, r.seconds());
            if (!command.equals("import")) {
                try (GraphConnection g = GraphConnection.open(ConnectionSettings.embedded(store))) {
                    if (command.equals("propagate")) {
                        countsAfterImport = ChaosInvariants.counts(g);
                        similarAfterImport = ChaosInvariants.publishedSimilar(g);
                    } else {
                        countsAfterRefresh = ChaosInvariants.counts(g);
                        similarAfterRefresh = ChaosInvariants.publishedSimilar(g);
                    }
                }
            }
            progress.log(String.format(Locale.ROOT, "reference %s: %.0f s", command, r.seconds()));
        }
    }

    /** A fault pause point of the step, or {@code +S}: a seeded delay of S seconds into it. */
    private String killPoint(String step, boolean incrementsImported) {
        if (step.equals("publish")) {
            return "publish";
        }
        if (random.nextBoolean()) {
            String command = step.equals("import") ? "import" : step;
            double max = Math.max(3, referenceSeconds.getOrDefault(command, 20.0));
            return String.format(Locale.ROOT, "+%.1f", 2 + random.nextDouble() * (max - 2));
        }
        return switch (step) {
            case "import" -> "import";
            case "propagate" -> random.nextBoolean() ? "propagate" : "write";
            // once the increments are in, a refresh imports nothing and never reaches the import pause
            default -> incrementsImported ? (random.nextBoolean() ? "propagate" : "write")
                    : new String[] {"import", "propagate", "write"}[random.nextInt(3)];
        };
    }

    private List<String> args(String command, Path store, Path landing) {
        return switch (command) {
            case "import" -> List.of("--db", store.toString(), "import", "--path",
                    landing.resolve(SyntheticGenerator.MANIFEST).toString());
            // the closed form: every mode shares the write/publish path under test, and it is the quickest to fit
            case "propagate" -> List.of("--db", store.toString(), "propagate", "--mode", "closed-form",
                    "--dimension", String.valueOf(p.dimension()), "--k", String.valueOf(K));
            default -> List.of("--db", store.toString(), "refresh", "--input", landing.toString(), "--mode",
                    "closed-form", "--dimension", String.valueOf(p.dimension()), "--force", "--max-recall-drop", "1");
        };
    }

    /** Serves the chaos store and reads from 4 threads while two propagate runs publish over Bolt. */
    private ConcurrentReaders.Outcome readers(Path store, Path landing, Set<Long> versions)
            throws IOException, InterruptedException {
        ChildGraphrec server = ChildGraphrec.start(child("server"), Map.of(), List.of("--db", store.toString(),
                "server", "--port", "0"));
        try {
            if (!server.awaitOutput("press Ctrl-C", 10)) {
                throw new IllegalStateException("server did not start: " + lastLines(server.stdout()
                        + server.stderr()));
            }
            String uri = server.stdout().lines().filter(l -> l.startsWith("graphrec server: "))
                    .map(l -> l.substring("graphrec server: ".length()).split(" ")[0]).findFirst().orElseThrow();
            List<String> propagate = List.of("--uri", uri, "propagate", "--mode", "closed-form", "--dimension",
                    String.valueOf(p.dimension()), "--k", String.valueOf(K));
            try (var driver = GraphDatabase.driver(uri, AuthTokens.none())) {
                GraphConnection g = GraphConnection.of(driver, null, uri);
                if (!org.graphrec.versions.EmbeddingVersions.anyPublished(g)) {
                    // the kills may all have been imports: readers need a published version to read
                    runPropagate(propagate, "readers-first-propagate");
                }
                List<String> users = g.read(tx -> tx.run("MATCH (u:User)-[:INTERACTED]->() RETURN DISTINCT u.id AS id "
                        + "ORDER BY id").list(r -> r.get("id").asString()));
                List<String> items = g.read(tx -> tx.run("MATCH (i:Item) RETURN i.id AS id ORDER BY id")
                        .list(r -> r.get("id").asString()));
                long modalities = g.read(tx -> tx.run("MATCH (m:Modality) RETURN count(m) AS c").single()
                        .get("c").asLong());
                versions.add(publishedVersion(g));
                ConcurrentReaders readers = new ConcurrentReaders(driver, uri, users, items, K * modalities);
                return readers.runDuring(p.readers(), p.seed(), () -> {
                    for (int i = 0; i < 2; i++) {
                        try {
                            runPropagate(propagate, "readers-propagate-" + i);
                            versions.add(publishedVersion(g));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
        } finally {
            server.stop();
        }
    }

    private void runPropagate(List<String> args, String name) throws IOException, InterruptedException {
        ChildGraphrec.Result r = ChildGraphrec.run(child(name), Map.of(), args, 30);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("propagate --uri exited " + r.exitCode() + ": " + lastLines(r.all()));
        }
    }

    private static long publishedVersion(GraphConnection g) {
        return g.read(tx -> tx.run("MATCH (p:PublishedVersion {name: 'fused'}) RETURN p.version AS v").single()
                .get("v").asLong());
    }

    private Path child(String name) {
        childRuns++;
        return p.work().resolve("runs").resolve(String.format(Locale.ROOT, "%03d-%s", childRuns, name));
    }

    /** The recovery's notes about what it found ("note: …", "took over …"). */
    private static List<String> notes(String output) {
        return output.lines().map(String::strip).filter(l -> l.startsWith("note:") || l.contains("took over"))
                .map(l -> l.replaceFirst("^\\[[0-9:]+\\] ", "")).toList();
    }

    private static String lastLines(String text) {
        List<String> lines = text.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
    }

    private static String machine() {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            load = "?";
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB max heap, load average at the end " + load;
    }

    /** The report as text: one line per kill, then the readers' numbers and the verdict. */
    public static String render(Report r) {
        StringBuilder out = new StringBuilder();
        Map<String, Integer> bySteps = new LinkedHashMap<>();
        for (String s : STEPS) {
            bySteps.put(s, 0);
        }
        for (Kill k : r.kills()) {
            bySteps.merge(k.step(), 1, Integer::sum);
            out.append(String.format(Locale.ROOT, "kill %2d  %-9s %-38s recovery exit %d (%.0f s)  %s%n",
                    r.kills().indexOf(k) + 1, k.step(), k.point(), k.recoveryExit(), k.recoverySeconds(),
                    k.violations().isEmpty() ? "ok" : "VIOLATED: " + String.join("; ", k.violations())));
            for (String note : k.notes()) {
                out.append("           ").append(note).append('\n');
            }
        }
        long survived = r.kills().stream().filter(k -> k.violations().isEmpty()).count();
        out.append(String.format(Locale.ROOT, "%nkills: %d (%s), survived with every invariant: %d; steps that "
                + "finished before their kill point: %d%n", r.kills().size(), bySteps, survived,
                r.finishedBeforeKill()));
        if (r.readers() != null) {
            var o = r.readers();
            out.append(String.format(Locale.ROOT, "readers: %d threads, %d calls %s, %d errors, %d answers mixing "
                    + "versions, %d incomplete kNN answers; versions seen %s, published %s%n",
                    r.parameters().readers(), o.calls(), o.callsByKind(), o.errors(), o.mixedAnswers(),
                    o.incompleteKnn(), new TreeSet<>(o.versionsSeen()), r.publishedDuringReaders()));
            o.errorSamples().forEach(s -> out.append("  ").append(s).append('\n'));
        }
        out.append(String.format(Locale.ROOT, "seed %d, %d users, %d items, d = %d; %.0f s on %s%n",
                r.parameters().seed(), r.parameters().users(), r.parameters().items(), r.parameters().dimension(),
                r.seconds(), r.machine()));
        out.append(r.violations() == 0 ? "chaos: all invariants held\n" : "chaos: " + r.violations()
                + " violation(s)\n");
        return out.toString();
    }
}
