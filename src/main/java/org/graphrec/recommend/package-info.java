/**
 * Serving: embedding top-K, similar items, neighbourhood and personalised PageRank recommenders, explanations, MMR
 * re-ranking and the parameterised Cypher query library. Reads the published version; may depend on config, progress,
 * graph and versions.
 */
package org.graphrec.recommend;
