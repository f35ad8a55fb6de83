package org.graphrec.propagation;

import java.util.Map;

/**
 * What a {@code propagate} run did.
 *
 * @param mode             the mode label
 * @param graph            one line describing the loaded graph
 * @param dimension        embedding dimension (0 when the model has no embedding, e.g. item-kNN)
 * @param runId            the PropagationRun written, or null
 * @param version          the embedding version written (0 when nothing was written)
 * @param published        whether that version was published (readers see it)
 * @param mipsNorm         M of the MIPS transform, NaN when nothing was written
 * @param memoryEstimate   bytes estimated before the run
 * @param peakHeap         peak heap occupancy during the run (garbage included), bytes
 * @param peakLiveHeap     peak heap right after a collection (an upper bound of the live data: what has to fit in
 *                         -Xmx, and what the estimate is compared with), bytes
 * @param timings          stage → seconds
 * @param validation       validation metrics
 * @param test             test metrics, only for models that cannot be evaluated later from the graph (else null)
 * @param note             a remark for the user, or null
 */
public record PropagationSummary(String mode, String graph, int dimension, String runId, long version,
                                 boolean published, double mipsNorm,
                                 long memoryEstimate, long peakHeap, long peakLiveHeap, Map<String, Double> timings,
                                 Map<String, Double> validation, Map<String, Double> test, String note) {
}
