package org.graphrec.testing;

import org.junit.jupiter.api.BeforeEach;

/**
 * Base for test classes that share one embedded store: started once per class (≈7 s), emptied before every
 * test (the schema stays), closed after the class.
 */
public abstract class SharedEmbeddedGraph extends PerClassEmbeddedGraph {

    @BeforeEach
    void clearSharedGraph() {
        TestGraphs.clear(graph);
    }
}
