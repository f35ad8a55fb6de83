package org.graphrec.importer;

import java.util.List;

/**
 * What an import did.
 *
 * @param runId              the ImportRun node's id
 * @param source             dataset name
 * @param format             input format
 * @param split              how the split was made, and train/valid/test counts
 * @param counts             rows, created and matched per label, relationship type and vector property
 * @param interactionsRead   interaction rows accepted from the input (before merging repeated pairs)
 * @param duplicatesDropped  repeated user–item pairs merged into one (latest kept)
 * @param rejects            rows rejected (listed in {@code rejectsFile})
 * @param rejectsFile        the rejects file, or null when nothing was rejected
 * @param readSeconds        time to read and validate
 * @param writeSeconds       time to write
 * @param interactionsPerSecond interactions written per second of writing
 * @param resumed            true when this run completed an earlier, interrupted run of the same input
 * @param bulk               true when Neo4j's bulk import engine wrote the store (false: transactions)
 */
public record ImportResult(String runId, String source, String format, SplitAssigner.Outcome split,
                           List<LabelCount> counts, long interactionsRead, long duplicatesDropped, long rejects,
                           String rejectsFile, double readSeconds, double writeSeconds,
                           double interactionsPerSecond, boolean resumed,
                           boolean bulk) {

    /** Total seconds. */
    public double seconds() {
        return readSeconds + writeSeconds;
    }

    /** The count for {@code name}, or null. */
    public LabelCount count(String name) {
        return counts.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
