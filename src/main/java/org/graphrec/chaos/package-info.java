/**
 * The chaos test ({@code bench chaos}): graphrec jobs run as child processes are killed with SIGKILL at seeded
 * points across import, propagate, refresh and publish, each kill followed by a recovery run and invariant checks
 * on the store; then concurrent Bolt readers run against {@code server} while new versions are published.
 */
package org.graphrec.chaos;
