package dev.fanout.tests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code fanout} as its own process, as {@code ./fanout} runs it: this JVM's {@code java} and class path, the
 * command line's arguments, a working folder that keeps what the process wrote.
 */
public final class FanoutProcess {
    private FanoutProcess() {
    }

    /** What a finished process left: exit code, stdout lines, stderr lines (the JVM's own warnings left out). */
    public record Outcome(int exitCode, List<String> out, List<String> err) {
        /** The path a stdout line {@code "<label>: <path>"} names, resolved against {@code base}. */
        public Path line(String label, Path base) {
            String line = out.stream().filter(l -> l.startsWith(label + ": ")).findFirst().orElseThrow(
                    () -> new AssertionError("no '" + label + ":' line in " + out));
            return base.resolve(line.substring(label.length() + 2));
        }
    }

    /** Runs {@code fanout args...} in {@code dir} to its end (5 minutes at most); stdout.txt and stderr.txt stay there. */
    public static Outcome run(Path dir, String... args) throws IOException, InterruptedException {
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process process = start(dir, stdout, stderr, args);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("fanout did not finish within 5 minutes");
        }
        List<String> err = Files.readAllLines(stderr).stream().filter(l -> !l.startsWith("WARNING:")).toList();
        return new Outcome(process.exitValue(), Files.readAllLines(stdout), err);
    }

    /** Starts {@code fanout args...} in {@code dir} (a server, say), its stdout and stderr into those files. */
    public static Process start(Path dir, Path stdout, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.fanout.local.cli.FanoutCli");
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
    }
}
