/**
 * What is in the graph ({@code stats}): node and relationship counts, modality coverage, fused embeddings of the
 * published version and the connection in use. Reads through {@code graph} and {@code versions}.
 */
package org.graphrec.stats;
