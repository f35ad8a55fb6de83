/**
 * What unattended jobs share: the lease-based {@code JobLock} in the graph, the rotated JSON-lines {@code RunLog}
 * and fault injection for crash tests. May depend on config and graph.
 */
package org.graphrec.jobs;
