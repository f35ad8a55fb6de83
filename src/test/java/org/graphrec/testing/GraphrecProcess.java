package org.graphrec.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs graphrec as a real separate process (the same main class the launcher runs), the way a user or a cron
 * job does: arguments in, exit code and output back.
 */
public final class GraphrecProcess {

    /** Exit code, standard output and standard error of a finished run. */
    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return stdout + stderr;
        }
    }

    /**
     * JVM options for children that run for seconds on tiny graphs: most of their time is class loading and
     * interpretation, and the C2 compiler and parallel GC threads only compete for the two CI cores. Measured on
     * {@code stats}: wall 19.6 s → 16.2 s, CPU 34 s → 18 s.
     */
    public static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private GraphrecProcess() {
    }

    /** Starts graphrec with {@code args} in {@code workDir}; output goes to files in {@code workDir}. */
    public static Process start(Path workDir, Map<String, String> env, String... args) throws IOException {
        return start(workDir, env, Path.of("/dev/null"), args);
    }

    /** As {@link #start(Path, Map, String...)}, with standard input read from {@code stdin} (typed lines). */
    public static Process start(Path workDir, Map<String, String> env, Path stdin, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.addAll(SHORT_LIVED_JVM);
        command.add("-Dorg.jline.terminal.dumb=true");
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.graphrec.GraphrecApplication");
        command.addAll(List.of(args));
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.txt").toFile())
                .redirectError(workDir.resolve("stderr.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("GRAPHREC_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Runs graphrec to completion (at most six minutes: a safety limit, not a timing assertion). */
    public static Result run(Path workDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Process process = start(workDir, env, args);
        if (!process.waitFor(6, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("graphrec " + String.join(" ", args) + " did not finish in 6 minutes");
        }
        return new Result(process.exitValue(), read(workDir.resolve("stdout.txt")),
                read(workDir.resolve("stderr.txt")));
    }

    /**
     * Runs {@code graphrec --db STORE --pagecache 32 ARGS} on an embedded store to completion, in a fresh
     * directory under {@code scratch}.
     */
    public static Result runOnStore(Path store, Path scratch, String... args) throws IOException, InterruptedException {
        return runOnStore(store, freshDirectory(scratch), List.of(args));
    }

    /**
     * Runs {@code commands} as one shell session on an embedded store, the way {@code graphrec --db STORE --file
     * FILE} does with a command file holding one command a line.
     */
    public static Result sessionOnStore(Path store, Path scratch, String... commands)
            throws IOException, InterruptedException {
        Path workDir = freshDirectory(scratch);
        Path file = workDir.resolve("commands.txt");
        Files.writeString(file, String.join("\n", commands) + "\n", StandardCharsets.UTF_8);
        return runOnStore(store, workDir, List.of("--file", file.toString()));
    }

    private static Result runOnStore(Path store, Path workDir, List<String> args)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--db", store.toString(), "--pagecache", "32"));
        all.addAll(args);
        return run(workDir, Map.of(), all.toArray(String[]::new));
    }

    private static Path freshDirectory(Path scratch) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(scratch), "run");
    }

    public static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
