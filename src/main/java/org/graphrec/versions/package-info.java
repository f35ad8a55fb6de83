/**
 * Versioned fused embeddings: every propagation run writes its vectors under its own property names
 * ({@code embedding_v<N>}, {@code embeddingMips_v<N>}) with its own vector indexes, readers resolve the one
 * published version through a single pointer node, and publishing is one write of that pointer.
 * May depend on config, progress and graph.
 */
package org.graphrec.versions;
