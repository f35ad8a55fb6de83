/**
 * The entry point: {@code GraphrecApplication} starts the Spring Shell (interactive, one command, or a command
 * file) and turns a failure into one line and an exit code ({@link org.graphrec.config.ExitCode}). May depend on
 * {@code config} only; every command lives in {@code shell}.
 */
package org.graphrec;
