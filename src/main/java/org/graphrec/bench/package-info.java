/**
 * Benchmarks (import, serve, propagate, scale, the GDS peer): repeated timed runs on a recorded machine, written as
 * {@code results.json}, charts and report sections for docs/benchmarks.md. Owns measurement and reporting, never an
 * algorithm: may depend on config, progress, graph, importer, propagation, eval and recommend.
 */
package org.graphrec.bench;
