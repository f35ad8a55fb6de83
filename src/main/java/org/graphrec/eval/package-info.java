/**
 * Ranking evaluation with the MMRec protocol: the one {@link org.graphrec.eval.Evaluator} (used by
 * {@code evaluate}, the run summary of {@code propagate}, early stopping, the refresh gate and every harness),
 * per-user metrics (Recall, NDCG, Precision, cold-start Recall among all items and among the cold items only),
 * system metrics (coverage, Gini, novelty), the items-held-out-as-new protocol ({@code ColdItemHoldout}) and the
 * scorers it ranks by.
 *
 * <p>Depends on {@code core} and {@code progress} only; loading a graph from Neo4j to evaluate it is the
 * propagation package's job ({@code EvaluationService}).
 */
package org.graphrec.eval;
