/**
 * The Spring Shell commands: thin adapters that parse options, call a service and render text or {@code --json}.
 * No logic a test would need a shell for lives here. May depend on every other package; none may depend on it.
 */
package org.graphrec.shell;
