package org.graphrec.jobs;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * Who runs a job: host name, process id and the process's start time (so a pid reused by a later process is not
 * mistaken for the holder). A holder on this host whose process is gone is known to be dead at once; a holder on
 * another host can only be presumed dead when its lease runs out.
 *
 * @param host            the holder's host name
 * @param pid             its process id, or −1 when unknown (locks written by an older graphrec)
 * @param startedAtMillis the process's start time in epoch milliseconds, or −1 when unknown
 */
public record JobOwner(String host, long pid, long startedAtMillis) {

    /** This process. */
    public static JobOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new JobOwner(localHost(), self.pid(), startOf(self).orElse(-1L));
    }

    /** The host name of this machine ({@code unknown-host} when it cannot be resolved). */
    public static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    /** {@code host:pid}, the form shown to users. */
    public String label() {
        return pid < 0 ? host : host + ":" + pid;
    }

    /** Whether this owner runs on this machine. */
    public boolean isLocal() {
        return host != null && host.equals(localHost());
    }

    /**
     * Whether the owner is a process of this host that no longer runs: its pid is free, or taken by a process
     * started at another time than the owner.
     */
    public boolean isDeadLocalProcess() {
        if (!isLocal() || pid < 0) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Long> started = startOf(process.get());
        return startedAtMillis >= 0 && started.isPresent() && Math.abs(started.get() - startedAtMillis) > 1000;
    }

    private static Optional<Long> startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli);
    }
}
