/**
 * The Neo4j connection: the embedded DBMS or a Bolt server behind one {@code GraphConnection}, the idempotent
 * schema from {@code cypher/}, startup errors as one line. May depend on config, and on procedures to register them
 * in the embedded DBMS.
 */
package org.graphrec.graph;
