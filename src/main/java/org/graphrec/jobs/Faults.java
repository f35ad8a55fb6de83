package org.graphrec.jobs;

/**
 * Fault-injection points for the refresh fault tests: when the environment variable
 * {@code GRAPHREC_FAULT_PAUSE} names a point (for example {@code import}, {@code propagate}, {@code write},
 * {@code publish}), the job prints {@code FAULT-PAUSE <point>} on standard error and sleeps there, so a test can
 * kill the JVM (or stop the database) at exactly that moment; {@code GRAPHREC_FAULT_PAUSE_SECONDS} (default 600)
 * bounds the pause. Inert otherwise.
 */
public final class Faults {

    /** The environment variable naming the point to pause at. */
    public static final String ENV = "GRAPHREC_FAULT_PAUSE";

    private Faults() {
    }

    /** Pauses when {@code point} is the configured fault point. */
    public static void pause(String point) {
        String configured = System.getenv(ENV);
        if (configured == null || !configured.equals(point)) {
            return;
        }
        String seconds = System.getenv(ENV + "_SECONDS");
        System.err.println("FAULT-PAUSE " + point);
        System.err.flush();
        try {
            Thread.sleep(1000L * (seconds == null ? 600 : Long.parseLong(seconds.trim())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
