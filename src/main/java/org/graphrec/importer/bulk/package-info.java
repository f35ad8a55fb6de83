/**
 * Fresh stores written through Neo4j's own bulk import engine (the engine of {@code neo4j-admin database import
 * full}) instead of transactions: {@link org.graphrec.importer.bulk.CatalogueInput} feeds a validated catalogue to
 * the engine as nodes and relationships with graphrec's own node ids, {@link
 * org.graphrec.importer.bulk.BulkStoreWriter} writes the store offline into a temporary directory and moves it into
 * place only when it is complete.
 */
package org.graphrec.importer.bulk;
