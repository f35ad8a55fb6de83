package org.graphrec.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.graphrec.graph.EmbeddedNeo4j;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.UserAggregationFunction;
import org.neo4j.procedure.UserFunction;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Makes Neo4j Graph Data Science callable inside an embedded DBMS of graphrec — the peer {@code bench propagate}
 * compares with. GDS is not a product dependency: its jars are on the classpath only in the {@code bench} Maven
 * profile and in tests, so nothing here refers to a GDS class at compile time. The classes are found by scanning the
 * classpath (directories, jars and the nested jars of the packaged artifact) for class files under
 * {@code org/neo4j/gds} whose bytecode mentions a procedure annotation, then registered through Neo4j's
 * {@link GlobalProcedures} (an embedded DBMS does not load procedures from the classpath by itself). The DBMS must
 * allow them: {@link EmbeddedNeo4j} sets {@code dbms.security.procedures.unrestricted=gds.*}; the GDS kernel
 * extension ({@code opengds-extension}) is loaded by Neo4j at start when it is on the classpath.
 */
public final class GdsProcedures {

    /** A GDS class whose presence means GDS is on the classpath. */
    public static final String PROBE = "org.neo4j.gds.embeddings.fastrp.FastRPWriteProc";
    /** The one line printed and recorded when GDS is absent. */
    public static final String SKIPPED = "GDS peer skipped: build with -Pbench";

    private static final List<String> JOL_SKIP_ATTACH = List.of("jol.skipHotspotSAAttach", "jol.skipDynamicAttach");
    private static final byte[][] ANNOTATIONS = {
            descriptor(Procedure.class), descriptor(UserFunction.class), descriptor(UserAggregationFunction.class)};

    private GdsProcedures() {
    }

    /**
     * What registration did.
     *
     * @param procedureClasses   classes whose procedures were registered
     * @param functionClasses    classes whose functions (plain or aggregation) were registered
     * @param failures           class → reason, for classes Neo4j refused (reported, not fatal)
     * @param version            {@code gds.version()} after registration
     * @param seconds            wall time of scan + registration
     */
    public record Registration(int procedureClasses, int functionClasses, List<String> failures, String version,
                               double seconds) {
    }

    /** True when the GDS classes are on the classpath (profile {@code bench}, or tests). */
    public static boolean onClasspath() {
        try {
            Class.forName(PROBE, false, GdsProcedures.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Registers every GDS procedure and function class found on the classpath in {@code db}. Registering twice in
     * the same DBMS is harmless (already registered names are reported as failures, the first registration stays).
     *
     * @throws IllegalStateException when GDS is not on the classpath or {@code gds.version()} does not answer after
     *                               registration
     */
    public static Registration register(EmbeddedNeo4j db) {
        if (!onClasspath()) {
            throw new IllegalStateException(SKIPPED);
        }
        long start = System.nanoTime();
        // GDS sizes objects with JOL; without these JOL attaches the Serviceability Agent (a child process) or an
        // agent to this JVM the first time, which stalled the first projection for minutes on the loaded machine
        for (String flag : JOL_SKIP_ATTACH) {
            if (System.getProperty(flag) == null) {
                System.setProperty(flag, "true");
            }
        }
        GraphDatabaseAPI api = (GraphDatabaseAPI) db.managementService()
                .database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        GlobalProcedures procedures = api.getDependencyResolver().resolveDependency(GlobalProcedures.class);
        ClassLoader loader = GdsProcedures.class.getClassLoader();
        int procedureClasses = 0;
        int functionClasses = 0;
        List<String> failures = new ArrayList<>();
        for (String name : cachedCandidates(loader)) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                failures.add(name + ": " + e);
                continue;
            }
            boolean procedure = false;
            boolean function = false;
            boolean aggregation = false;
            for (Method m : declaredMethods(type)) {
                procedure |= m.isAnnotationPresent(Procedure.class);
                function |= m.isAnnotationPresent(UserFunction.class);
                aggregation |= m.isAnnotationPresent(UserAggregationFunction.class);
            }
            try {
                if (procedure) {
                    procedures.registerProcedure(type);
                    procedureClasses++;
                }
                if (function) {
                    procedures.registerFunction(type);
                }
                if (aggregation) {
                    procedures.registerAggregationFunction(type);
                }
                if (function || aggregation) {
                    functionClasses++;
                }
            } catch (Exception | LinkageError e) {
                failures.add(name + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        String version;
        try (var tx = api.beginTx()) {
            version = String.valueOf(tx.execute("RETURN gds.version() AS v").next().get("v"));
        } catch (RuntimeException e) {
            throw new IllegalStateException("GDS classes were registered (" + procedureClasses + " procedure classes) "
                    + "but gds.version() fails: " + e.getMessage(), e);
        }
        return new Registration(procedureClasses, functionClasses, List.copyOf(failures), version,
                (System.nanoTime() - start) / 1e9);
    }

    private static Method[] declaredMethods(Class<?> type) {
        try {
            return type.getDeclaredMethods();
        } catch (LinkageError e) {
            return new Method[0];
        }
    }

    private static volatile List<String> candidates;

    /** {@link #candidateClasses} once per JVM (the classpath does not change; a second DBMS reuses the scan). */
    private static List<String> cachedCandidates(ClassLoader loader) {
        List<String> c = candidates;
        if (c == null) {
            c = candidateClasses(loader);
            candidates = c;
        }
        return c;
    }

    /** Names of GDS classes whose class file mentions a procedure/function annotation, sorted. */
    static List<String> candidateClasses(ClassLoader loader) {
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver(loader)
                    .getResources("classpath*:org/neo4j/gds/**/*.class");
        } catch (IOException e) {
            throw new IllegalStateException("cannot scan the classpath for GDS classes: " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>();
        for (Resource r : resources) {
            String url;
            try {
                url = r.getURL().toString();
            } catch (IOException e) {
                continue;
            }
            int at = url.lastIndexOf("org/neo4j/gds/");
            if (at < 0 || url.contains("$")) {
                continue;
            }
            try (InputStream in = r.getInputStream()) {
                if (mentionsAnnotation(in.readAllBytes())) {
                    names.add(url.substring(at, url.length() - ".class".length()).replace('/', '.'));
                }
            } catch (IOException e) {
                // unreadable entry: not a procedure class we can register
            }
        }
        return names.stream().distinct().sorted().toList();
    }

    private static boolean mentionsAnnotation(byte[] bytes) {
        for (byte[] a : ANNOTATIONS) {
            if (indexOf(bytes, a) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] descriptor(Class<?> annotation) {
        return ("L" + annotation.getName().replace('.', '/') + ";").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
