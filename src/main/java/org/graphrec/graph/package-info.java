/**
 * The Neo4j connection: the embedded DBMS or a Bolt server behind one {@code GraphConnection}, the idempotent
 * schema from {@code cypher/}, startup errors as one line, and graph statistics. May depend on config, and on
 * procedures to register them in the embedded DBMS; GraphStats also reads versions (a cycle to remove, issue 19).
 */
package org.graphrec.graph;
