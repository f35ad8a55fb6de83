package org.graphrec.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * graphrec as a separate JVM, started the way a user or a scheduler starts it (the same main class or runnable jar
 * as this process), with standard output and error in files of its own work directory.
 */
final class ChildGraphrec {

    /** A finished run: exit code and output. */
    record Result(int exitCode, String stdout, String stderr, double seconds) {
        String all() {
            return stdout + stderr;
        }
    }

    private final Path workDir;
    private final Process process;
    private final long startNanos = System.nanoTime();

    private ChildGraphrec(Path workDir, Process process) {
        this.workDir = workDir;
        this.process = process;
    }

    /** Starts graphrec with {@code args}; {@code env} is added to a copy of this process's environment. */
    static ChildGraphrec start(Path workDir, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        // Children work for seconds on a tiny catalogue: C1 alone and one GC thread start them faster and leave
        // the cores to the other children and readers (stats: CPU 34 s -> 18 s a start).
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Dorg.jline.terminal.dumb=true");
        command.add("-Djava.util.logging.config.file=/dev/null");
        for (String property : List.of("java.io.tmpdir", "org.bytedeco.javacpp.cachedir", "jna.tmpdir")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.add("-jar"); // the runnable jar (shell/graphrec); absolute: the child runs in its own directory
            command.add(Path.of(classPath).toAbsolutePath().toString());
        } else {
            command.add("-cp"); // classes and dependencies (tests, IDE)
            command.add(classPath);
            command.add("org.graphrec.GraphrecApplication");
        }
        command.addAll(args);
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.txt").toFile())
                .redirectError(workDir.resolve("stderr.txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(k -> k.startsWith("GRAPHREC_"));
        builder.environment().putAll(env);
        return new ChildGraphrec(workDir, builder.start());
    }

    /** Runs graphrec to its end (at most {@code minutes}: a safety limit, not a timing check). */
    static Result run(Path workDir, Map<String, String> env, List<String> args, int minutes)
            throws IOException, InterruptedException {
        ChildGraphrec child = start(workDir, env, args);
        return child.await(minutes);
    }

    Result await(int minutes) throws IOException, InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("graphrec " + workDir.getFileName() + " did not finish in " + minutes
                    + " minutes; output in " + workDir);
        }
        return new Result(process.exitValue(), stdout(), stderr(), (System.nanoTime() - startNanos) / 1e9);
    }

    /** Waits until standard output or error contains {@code text}; false if the process ended first or time ran out. */
    boolean awaitOutput(String text, int minutes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        while (System.nanoTime() < deadline) {
            if (stdout().contains(text) || stderr().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return stdout().contains(text) || stderr().contains(text);
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** SIGKILL, as the OOM killer or a lost session ends a job; waits until the process is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
        }
    }

    /** Asks the process to stop (SIGTERM: shutdown hooks run) and waits for it. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            kill9();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String stdout() throws IOException {
        return read(workDir.resolve("stdout.txt"));
    }

    String stderr() throws IOException {
        return read(workDir.resolve("stderr.txt"));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
