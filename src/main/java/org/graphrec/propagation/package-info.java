/**
 * The {@code propagate} and {@code evaluate} jobs over the graph in Neo4j: loading the in-memory
 * {@code InteractionGraph} ({@code GraphLoader}), the propagation modes behind one interface
 * ({@link org.graphrec.propagation.PropagationAlgorithm}; {@code PropagateParameters.Mode} is the registry: closed
 * form, most popular, item-kNN, LightGCN and the trained mode), the modality kNN graphs written as {@code SIMILAR},
 * and the write-back of embeddings as a new version ({@code EmbeddingStore}).
 *
 * <p>May depend on {@code core}, {@code eval}, {@code propagation.trained}, {@code graph}, {@code versions},
 * {@code jobs}, {@code config} and {@code progress}; never on the shell, serving or refresh.
 */
package org.graphrec.propagation;
