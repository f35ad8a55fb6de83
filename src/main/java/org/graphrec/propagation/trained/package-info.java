/**
 * BPR-trained propagation (LightGCN and the FREEDOM-style multimodal mode) with hand-written gradients: the trainer
 * ({@link org.graphrec.propagation.trained.TrainedPropagation}), the model's passes, Adam, edge pruning, the frozen
 * item–item graphs, cold-item serving and checkpoints (docs/trained.md).
 *
 * <p>Pure computation on the shared core: depends on {@code core}, {@code eval} and {@code progress} only.
 */
package org.graphrec.propagation.trained;
