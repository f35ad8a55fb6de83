package org.graphrec.graph;

/** The Neo4j version graphrec embeds. */
public final class Neo4jVersion {

    /** Version of the embedded DBMS, read from the Neo4j jar's manifest. */
    public static final String EMBEDDED = read();

    private Neo4jVersion() {
    }

    private static String read() {
        String v = org.neo4j.dbms.api.DatabaseManagementService.class.getPackage().getImplementationVersion();
        return v == null ? "5.26" : v;
    }
}
