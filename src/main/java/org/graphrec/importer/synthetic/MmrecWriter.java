package org.graphrec.importer.synthetic;

import java.io.IOException;
import java.nio.file.Path;
import org.graphrec.config.UserException;
import org.graphrec.progress.ProgressTracker;

/** Writes a synthetic catalogue as an MMRec dataset directory. */
final class MmrecWriter {
    MmrecWriter(SyntheticCatalogue catalogue, Path out, ProgressTracker progress, long started) {
    }

    SyntheticResult write() throws IOException {
        throw new UserException("--layout mmrec is not available yet");
    }
}
