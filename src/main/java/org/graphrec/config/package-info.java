/**
 * What every package may use: connection settings and global options, the one-line {@code UserException}, every
 * exit code ({@code ExitCode}), the shared Jackson mapper ({@code Json}) and did-you-mean suggestions. Depends on
 * the JDK and Jackson only, never on another graphrec package.
 */
package org.graphrec.config;
