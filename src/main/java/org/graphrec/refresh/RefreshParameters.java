package org.graphrec.refresh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.graphrec.config.UserException;
import org.graphrec.importer.SplitPolicy;
import org.graphrec.propagation.PropagateParameters;

/**
 * Validated options of one {@code refresh} run.
 *
 * @param input         directory whose entries (sub-directories or files, in name order) are the increments
 * @param propagate     how to re-propagate (mode and its settings)
 * @param maxRecallDrop largest tolerated relative drop of validation Recall@20 against the published version
 * @param keep          embedding versions to keep after publishing (the published one included)
 * @param maxRejects    rejected rows tolerated per input entry (beyond it the entry is rejected whole)
 * @param split         split policy for entries without a split column
 * @param seed          seed of the random split
 * @param logFile       JSON-lines report log (rotated by size)
 * @param rejectsDir    where per-entry rejects files go
 * @param lease         lock lease; the holder renews it, a crashed holder's lock can be taken over after it
 * @param owner         who runs (host, process), recorded on the lock and in the report
 * @param force         re-propagate even when nothing new was imported
 */
public record RefreshParameters(Path input, PropagateParameters propagate, double maxRecallDrop, int keep,
                                long maxRejects, SplitPolicy split, long seed, Path logFile, Path rejectsDir,
                                Duration lease, String owner, boolean force) {

    /** Default lock lease: renewed every third of it while the job runs. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

    public RefreshParameters {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(propagate, "propagate");
        if (!Files.isDirectory(input)) {
            throw new UserException("--input " + input + ": expected a directory of increments, found "
                    + (Files.exists(input) ? "a file" : "nothing"));
        }
        if (!(maxRecallDrop >= 0 && maxRecallDrop <= 1)) {
            throw new UserException("--max-recall-drop: expected a fraction between 0 and 1, found " + maxRecallDrop);
        }
        if (keep < 1) {
            throw new UserException("--keep: expected at least 1 (the published version), found " + keep);
        }
        if (maxRejects < 0) {
            throw new UserException("--max-rejects: expected 0 or more, found " + maxRejects);
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new UserException("--lease-seconds: expected a positive number, found " + lease.toSeconds());
        }
        split = split == null ? SplitPolicy.KEEP : split;
    }
}
