package org.graphrec.testing;

import java.nio.file.Path;
import org.graphrec.graph.GraphConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base for test classes that share one embedded store: started once per class (≈7 s), emptied before every
 * test (the schema stays), closed after the class.
 */
public abstract class SharedEmbeddedGraph {

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

    @BeforeEach
    void clearSharedGraph() {
        TestGraphs.clear(graph);
    }
}
