/**
 * Reading catalogues into the graph: bundle, MMRec and Amazon JSON readers into one in-memory {@code Catalogue},
 * validated with file:line errors, split assignment, embeddings (.npy, CSV, MiniLM text) and two write paths: the
 * batched transactional writer ({@code CatalogueWriter}) and, for a fresh embedded store, Neo4j's own bulk import
 * engine ({@code BulkImport}: {@code CatalogueInput} feeds the validated catalogue to the engine, {@code
 * BulkStoreWriter} writes the store offline into a temporary directory and moves it into place when complete).
 * May depend on config, progress, graph and jobs.
 */
package org.graphrec.importer;
