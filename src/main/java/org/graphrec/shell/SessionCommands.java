package org.graphrec.shell;

/**
 * Base of the shell command classes whose only dependency is the graph session: holds it, so each command class
 * states just its commands.
 */
abstract class SessionCommands {

    /** The shell's connection to the graph, opened on first use. */
    protected final GraphSession session;

    protected SessionCommands(GraphSession session) {
        this.session = session;
    }
}
