package org.graphrec.importer.synthetic;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graphrec.progress.ProgressTracker;

/**
 * What the two output layouts (bundle, MMRec) share: the catalogue and where it goes, the files written (for the
 * result and for {@code --force}), and the result's counts.
 */
abstract class LayoutWriter {

    final SyntheticCatalogue c;
    final SyntheticParameters p;
    final Path out;
    final ProgressTracker progress;
    final int threads;
    final List<Path> files = new ArrayList<>();
    private final long started;

    LayoutWriter(SyntheticCatalogue catalogue, Path out, ProgressTracker progress, long started, int threads) {
        this.c = catalogue;
        this.p = catalogue.p;
        this.out = out;
        this.progress = progress;
        this.started = started;
        this.threads = threads;
    }

    /** Writes the layout into {@code out}. */
    abstract SyntheticResult write() throws IOException;

    /** Records {@code file} as written by this run and returns it. */
    final Path track(Path file) {
        files.add(file);
        return file;
    }

    /** The result: cold items are those without an interaction in {@code perItem}, unbranded ones have no brand. */
    final SyntheticResult result(long[] perItem, List<SyntheticResult.Part> parts) {
        int cold = 0;
        for (long count : perItem) {
            cold += count == 0 ? 1 : 0;
        }
        int unbranded = 0;
        for (int b : c.itemBrand) {
            unbranded += b < 0 ? 1 : 0;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new SyntheticResult(out, List.copyOf(files), p.users(), p.items(), p.brands(), p.categories(),
                p.clusters(), p.interactions(), cold, unbranded, parts, seconds);
    }
}
