/**
 * Reading catalogues into the graph: bundle, MMRec and Amazon JSON readers into one in-memory {@code Catalogue},
 * validated with file:line errors, split assignment, embeddings (.npy, CSV, MiniLM text) and the batched writer.
 * May depend on config, progress, graph and jobs.
 */
package org.graphrec.importer;
