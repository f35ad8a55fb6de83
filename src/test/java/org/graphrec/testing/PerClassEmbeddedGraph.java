package org.graphrec.testing;

import java.nio.file.Path;
import org.graphrec.graph.GraphConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base for test classes that build one embedded store and read it in every test: opened before the class's own
 * {@code @BeforeAll} methods (which fill it), closed after the class.
 */
public abstract class PerClassEmbeddedGraph {

    @TempDir
    protected static Path dir;
    protected static GraphConnection graph;

    @BeforeAll
    static void openSharedGraph() {
        graph = TestGraphs.openEmbedded(dir.resolve("db"));
    }

    @AfterAll
    static void closeSharedGraph() {
        graph.close();
    }
}
