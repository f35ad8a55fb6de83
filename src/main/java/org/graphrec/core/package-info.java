/**
 * The shared in-memory core every algorithm runs on: the interaction graph ({@link org.graphrec.core.InteractionGraph}),
 * the one sparse matrix ({@link org.graphrec.core.Csr}), top-k selection, the partitioned parallel loops
 * ({@link org.graphrec.core.Parallel}, explicit thread count, deterministic), the dense kernels, the seeded generator,
 * the exact kNN ({@link org.graphrec.core.ExactKnn}) and the co-occurrence kNN, the factor model and memory estimates.
 *
 * <p>Depends on the JDK, ND4J and the {@code progress} interface only: no Neo4j, no other graphrec package.
 */
package org.graphrec.core;
