package org.graphrec.bench;

import java.nio.file.Path;
import org.graphrec.graph.GraphConnection;
import org.graphrec.importer.CatalogImporter;
import org.graphrec.importer.ImportRequest;
import org.graphrec.importer.ImportResult;
import org.graphrec.propagation.ClosedFormParameters;
import org.graphrec.propagation.PropagateParameters;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.progress.ProgressTracker;

/** Shared steps of the benchmarks: a fresh store with a dataset imported, default propagation parameters. */
final class BenchGraph {

    private BenchGraph() {
    }

    /** Opens a fresh embedded store under {@code work}. */
    static GraphConnection freshStore(Path work, String prefix) {
        return ImportBench.open(BenchDataset.tempDir(work, prefix));
    }

    /** Imports the dataset (a catalogue without a split gets the importer's seeded random split). */
    static ImportResult load(GraphConnection graph, BenchDataset dataset, Path work, ProgressTracker progress) {
        return new CatalogImporter().importPath(graph, ImportRequest.of(dataset.path())
                .withRejects(0, work.resolve("rejects.tsv")), progress);
    }

    /** The shell's default parameters of {@code propagate --mode <mode>} (k = 10). */
    static PropagateParameters defaults(Mode mode, boolean writeBack) {
        ClosedFormParameters cf = ClosedFormParameters.defaults(PropagateParameters.defaultClosedFormDimension(mode))
                .withSeed(42).withGroups(0.3, 0.3);
        return new PropagateParameters(mode, cf, 10, null, 0.3, writeBack, writeBack)
                .withValidationUsers(PropagateParameters.defaultValidationUsers(mode));
    }
}
