package org.graphrec.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.graphrec.config.UserException;
import org.junit.jupiter.api.Test;

/**
 * The layering rule of docs/architecture.md, checked on the compiled classes (class references sit in the constant
 * pool as names like {@code org/graphrec/core/Csr}): every package may use only the packages listed for it, so
 * the package graph has no cycle, and a new dependency is a decision made here and in the document, not an
 * accident.
 */
class LayeringTest {

    /** Package (below org.graphrec; "" = the application class) → the graphrec packages it may use. */
    static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put("config", Set.of());
        ALLOWED.put("progress", Set.of());
        ALLOWED.put("procedures", Set.of());
        ALLOWED.put("core", Set.of("progress"));
        ALLOWED.put("graph", Set.of("config", "procedures"));
        ALLOWED.put("eval", Set.of("core", "progress"));
        ALLOWED.put("versions", Set.of("config", "graph", "progress"));
        ALLOWED.put("jobs", Set.of("config", "graph", "progress", "versions"));
        ALLOWED.put("stats", Set.of("config", "graph", "versions"));
        ALLOWED.put("importer", Set.of("config", "graph", "jobs", "progress"));
        ALLOWED.put("importer.synthetic", Set.of("config", "importer", "progress"));
        ALLOWED.put("propagation.trained", Set.of("core", "eval", "progress"));
        ALLOWED.put("propagation", Set.of("config", "core", "eval", "graph", "jobs", "progress",
                "propagation.trained", "versions"));
        ALLOWED.put("recommend", Set.of("config", "core", "graph", "procedures", "progress", "versions"));
        ALLOWED.put("search", Set.of("config", "graph", "importer", "procedures", "progress", "recommend"));
        ALLOWED.put("refresh", Set.of("config", "core", "eval", "graph", "importer", "jobs", "progress",
                "propagation", "versions"));
        ALLOWED.put("bench", Set.of("config", "core", "eval", "graph", "importer", "importer.synthetic", "jobs",
                "progress", "propagation", "propagation.trained", "recommend", "search", "stats", "versions"));
        ALLOWED.put("chaos", Set.of("config", "graph", "importer.synthetic", "jobs", "progress", "recommend",
                "versions"));
        ALLOWED.put("shell", Set.of("bench", "chaos", "config", "core", "eval", "graph", "importer",
                "importer.synthetic", "jobs", "progress", "propagation", "propagation.trained", "recommend", "refresh",
                "search", "stats", "versions"));
        ALLOWED.put("", Set.of("config", "shell"));
    }

    private static final Pattern REFERENCE = Pattern.compile("org/graphrec/((?:[a-z][a-z0-9]*/)*)[A-Z]");

    @Test
    void everyPackageUsesOnlyThePackagesItsLayerAllows() throws IOException {
        Map<String, Set<String>> actual = packageDependencies();
        assertThat(ALLOWED.keySet()).as("packages named by the rule").containsAll(actual.keySet());
        List<String> violations = new ArrayList<>();
        actual.forEach((pkg, uses) -> uses.stream().filter(u -> !ALLOWED.get(pkg).contains(u))
                .forEach(u -> violations.add(pkg + " → " + u)));
        assertThat(violations).as("dependencies the layering rule does not allow").isEmpty();
    }

    @Test
    void theAllowedDependenciesHaveNoCycle() {
        Map<String, Integer> state = new TreeMap<>();
        for (String pkg : ALLOWED.keySet()) {
            assertThat(cycleFrom(pkg, state, new ArrayList<>())).as("cycle through " + pkg).isNull();
        }
    }

    /** The scan finds real dependencies: the shell uses the propagation package, core uses nothing above it. */
    @Test
    void theScanSeesKnownDependencies() throws IOException {
        Map<String, Set<String>> actual = packageDependencies();
        assertThat(actual.get("shell")).contains("propagation", "config");
        assertThat(actual.get("propagation")).contains("core", "eval");
        assertThat(actual.get("core")).doesNotContain("propagation", "eval");
    }

    private static String cycleFrom(String pkg, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(pkg);
        if (s != null) {
            return s == 1 ? String.join(" → ", path) + " → " + pkg : null;
        }
        state.put(pkg, 1);
        path.add(pkg);
        for (String next : ALLOWED.getOrDefault(pkg, Set.of())) {
            String cycle = cycleFrom(next, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(pkg, 2);
        return null;
    }

    /** Package → the other graphrec packages its compiled classes reference. */
    static Map<String, Set<String>> packageDependencies() throws IOException {
        Path classes = Path.of(UserException.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path root = classes.resolve("org").resolve("graphrec");
        Map<String, Set<String>> uses = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(f -> f.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
            Set<String> set = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher m = REFERENCE.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            while (m.find()) {
                String used = m.group(1).isEmpty() ? "" : m.group(1).substring(0, m.group(1).length() - 1)
                        .replace('/', '.');
                if (!used.equals(pkg)) {
                    set.add(used);
                }
            }
        }
        return uses;
    }
}
