package dev.fanout.local.cli;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code time:} line of {@code fanout run}: where the run's wall time went, e.g.
 * {@code time: start 2.10 s (JVM 0.45 s), input 0.00 s, job 3.71 s (split 0.04 s, map 3.20 s, reduce 0.41 s),
 * output 0.01 s, stop 0.08 s; total 5.93 s}.
 */
final class Timings {
    private Timings() {
    }

    /** Milliseconds from the JVM's start (its own clock) to the moment {@code nanoTime} stood for. */
    static long sinceProcessStart(long nanoTime) {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        return uptime - (System.nanoTime() - nanoTime) / 1_000_000;
    }

    /**
     * @param beforeStart the JVM's start to the runtime's start (command line, checks, logging), -1 when unknown
     * @param start       the local runtime's start
     * @param phases      {@link JobRun#phases()}
     * @param stop        the local runtime's stop
     * @param total       the JVM's start to the end of stop, -1 when unknown
     */
    static String line(long beforeStart, long start, Map<String, Long> phases, long stop, long total) {
        StringBuilder line = new StringBuilder();
        line.append("start ").append(seconds(start + Math.max(0, beforeStart)));
        if (beforeStart >= 0) {
            line.append(" (JVM ").append(seconds(beforeStart)).append(')');
        }
        append(line, "input", phases);
        append(line, "job", phases);
        if (phases.containsKey("split")) {
            line.append(" (split ").append(seconds(phases.get("split")))
                    .append(", map ").append(seconds(phases.getOrDefault("map", 0L)))
                    .append(", reduce ").append(seconds(phases.getOrDefault("reduce", 0L))).append(')');
        }
        append(line, "output", phases);
        line.append(", stop ").append(seconds(stop));
        if (total >= 0) {
            line.append("; total ").append(seconds(total));
        }
        return line.toString();
    }

    private static void append(StringBuilder line, String phase, Map<String, Long> phases) {
        Long millis = phases.get(phase);
        if (millis != null) {
            line.append(", ").append(phase).append(' ').append(seconds(millis));
        }
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }
}
