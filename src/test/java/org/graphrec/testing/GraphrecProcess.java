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

    public static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
