/**
 * graphrec's Neo4j procedures: exact top-K serving inside the database ({@code graphrec.recommend},
 * {@code graphrec.similar}, {@code graphrec.cache.clear}) over an in-memory copy of the item vectors.
 *
 * <p>The embedded DBMS registers them at start; for an external server the same classes ship as the plugin jar
 * {@code target/graphrec-procedures.jar} (see {@code cypher/README.md}). Everything here depends on the Neo4j
 * procedure API and the JDK only, never on the rest of graphrec, so that the jar runs inside any Neo4j 5 server.
 */
package org.graphrec.procedures;
