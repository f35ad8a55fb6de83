package org.graphrec.progress;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress on a console: a redrawn bar with rate and ETA on a terminal, or a plain timestamped log line at most
 * every {@code logInterval} milliseconds (and at each 10 %) when the output is a file or pipe. Tasks nest: a task
 * begun inside another (an evaluation inside a training run) is shown as {@code outer › inner}, and when it ends
 * the outer task resumes with its own count and clock.
 */
public final class ConsoleProgress implements ProgressTracker {

    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long logIntervalMillis;
    private final LongSupplier clock;
    private final AtomicLong done = new AtomicLong();
    private final Deque<Frame> outer = new ArrayDeque<>();
    private volatile String task;
    private volatile long total;
    private long startMillis;
    private long lastPrintMillis;
    private int lastDecile;

    /** A suspended outer task. */
    private record Frame(String task, long total, long done, long startMillis, int lastDecile) {
    }

    public ConsoleProgress(PrintStream out, boolean terminal, long logIntervalMillis, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.logIntervalMillis = logIntervalMillis;
        this.clock = clock;
    }

    /** A tracker for {@code System.out}: a bar when a terminal is attached, log lines every 5 s otherwise. */
    public static ConsoleProgress forStdout() {
        return new ConsoleProgress(System.out, System.console() != null && !"true".equals(System.getenv("CI")),
                5_000, System::currentTimeMillis);
    }

    /** As {@link #forStdout()} on {@code System.err}: progress of work that must not mix with a command's output. */
    public static ConsoleProgress forStderr() {
        return new ConsoleProgress(System.err, System.console() != null && !"true".equals(System.getenv("CI")),
                5_000, System::currentTimeMillis);
    }

    @Override
    public synchronized void begin(String name, long units) {
        if (task != null) {
            if (terminal) {
                out.print("\r\033[K");
            }
            outer.push(new Frame(task, total, done.get(), startMillis, lastDecile));
            name = task + " › " + name;
        }
        task = name;
        total = units;
        done.set(0);
        startMillis = clock.getAsLong();
        lastPrintMillis = startMillis;
        lastDecile = 0;
        if (!terminal) {
            out.println(stamp() + name + (units > 0 ? " (" + units + " units)" : "") + " …");
        }
    }

    @Override
    public void advance(long units) {
        long now = done.addAndGet(units);
        long t = clock.getAsLong();
        if (terminal ? t - lastPrintMillis >= 100 : shouldLog(now, t)) {
            print(now, t, false);
        }
    }

    private boolean shouldLog(long now, long t) {
        if (t - lastPrintMillis >= logIntervalMillis) {
            return true;
        }
        // every 10 %, but not at 100 %: end() prints the final line with the total time
        return total > 0 && now < total && (int) (10 * now / total) > lastDecile;
    }

    @Override
    public synchronized void end() {
        if (task == null) {
            return;
        }
        print(done.get(), clock.getAsLong(), true);
        task = null;
        Frame resumed = outer.poll();
        if (resumed != null) {
            task = resumed.task();
            total = resumed.total();
            done.set(resumed.done());
            startMillis = resumed.startMillis();
            lastDecile = resumed.lastDecile();
            lastPrintMillis = clock.getAsLong();
        }
    }

    @Override
    public synchronized void log(String message) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(terminal ? message : stamp() + message);
        out.flush();
    }

    private synchronized void print(long now, long t, boolean finished) {
        if (task == null) {
            return;
        }
        lastPrintMillis = t;
        if (total > 0) {
            lastDecile = (int) (10 * Math.min(now, total) / total);
        }
        double seconds = Math.max(1e-3, (t - startMillis) / 1000.0);
        double rate = now / seconds;
        String rateText = rateText(rate);
        if (terminal) {
            StringBuilder line = new StringBuilder("\r\033[K").append(task).append(' ');
            if (total > 0) {
                double fraction = Math.min(1.0, (double) now / total);
                int filled = (int) Math.round(fraction * BAR_WIDTH);
                line.append('[').append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ")
                        .append(String.format(Locale.ROOT, "%3.0f%% ", 100 * fraction));
            }
            line.append(String.format(Locale.ROOT, "%,d", now)).append(total > 0 ? String.format(Locale.ROOT,
                    "/%,d", total) : "").append(' ').append(rateText);
            if (finished) {
                line.append(String.format(Locale.ROOT, " in %.1f s", seconds)).append('\n');
            } else if (total > 0 && rate > 0) {
                line.append(" ETA ").append(formatSeconds((total - now) / rate));
            }
            out.print(line);
        } else {
            String of = total > 0 ? String.format(Locale.ROOT, "/%,d (%.0f%%)", total, 100.0 * now / total) : "";
            String tail = finished ? String.format(Locale.ROOT, ", done in %.1f s", seconds)
                    : total > 0 && rate > 0 && now < total ? ", ETA " + formatSeconds((total - now) / rate) : "";
            out.println(stamp() + task + ": " + String.format(Locale.ROOT, "%,d", now) + of + ", " + rateText + tail);
        }
        out.flush();
    }

    /** Units per second, or seconds per unit when a unit takes longer than a second (training epochs). */
    static String rateText(double perSecond) {
        if (perSecond >= 10 || perSecond <= 0) {
            return String.format(Locale.ROOT, "%,.0f/s", perSecond);
        }
        return perSecond >= 1 ? String.format(Locale.ROOT, "%.1f/s", perSecond)
                : String.format(Locale.ROOT, "%.1f s each", 1 / perSecond);
    }

    private static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    private String stamp() {
        return String.format(Locale.ROOT, "[%tT] ", clock.getAsLong());
    }
}
