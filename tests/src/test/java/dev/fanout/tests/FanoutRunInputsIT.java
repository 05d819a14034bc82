package dev.fanout.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.tests.support.InputFiles;
import dev.fanout.tests.support.LocalPipeline;
import dev.fanout.tests.support.TextCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** {@code fanout run DIR} and {@code fanout run FILE FILE...} as a user runs them: one job over all the files. */
class FanoutRunInputsIT {
    /** Kept when a test fails: its .fanout/fanout.log, stdout.txt and stderr.txt are what to read then. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private record Outcome(int exitCode, List<String> out, List<String> err) {
        Path line(String label, Path base) {
            String line = out.stream().filter(l -> l.startsWith(label + ": ")).findFirst().orElseThrow(
                    () -> new AssertionError("no '" + label + ":' line in " + out));
            return base.resolve(line.substring(label.length() + 2));
        }
    }

    private Outcome fanout(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.fanout.local.cli.FanoutCli");
        command.addAll(List.of(args));
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("fanout did not finish within 5 minutes");
        }
        List<String> err = Files.readAllLines(stderr).stream().filter(l -> !l.startsWith("WARNING:")).toList();
        return new Outcome(process.exitValue(), Files.readAllLines(stdout), err);
    }

    private Path write(String relative, byte[] bytes) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    @Test
    void runsWordcountOverADirectoryRecursively_gzipFilesIncluded_keepingEachFilesPath() throws Exception {
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            byte[] text = TextCorpus.generate(1_000 + i * 50, i);
            String relative = "books/" + (i % 3 == 0 ? "a/b/" : i % 3 == 1 ? "c/" : "") + i + ".txt";
            write(relative, i % 5 == 0 ? InputFiles.gzip(text) : text);
            if (i % 5 == 0) {
                Files.move(dir.resolve(relative), dir.resolve(relative + ".gz"));
            }
            TextCorpus.count(text).forEach((w, n) -> expected.merge(w, n, Long::sum));
        }
        write("books/empty.txt", new byte[0]);

        Outcome outcome = fanout("run", "books", "--job", "wordcount", "--chunk-size", "8KiB");

        assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isZero();
        Map<String, Long> counts = LocalPipeline.JSON.readValue(outcome.line("result", dir).toFile(),
                new TypeReference<>() { });
        assertThat(counts).isEqualTo(expected);
        // every file is in the local input bucket under one prefix, at its path relative to the directory
        Path uploads = dir.resolve(".fanout/s3/fanout-input/uploads");
        try (Stream<Path> staged = Files.walk(uploads)) {
            List<String> keys = staged.filter(Files::isRegularFile).map(p -> uploads.relativize(p).toString())
                    .map(k -> k.substring(k.indexOf('/') + 1)).sorted().toList();
            assertThat(keys).contains("a/b/0.txt.gz", "c/1.txt", "2.txt", "a/b/3.txt", "empty.txt").hasSize(41);
        }
    }

    @Test
    void runsGrepOverSeveralFiles_andDownloadsItsPartsBesideTheManifest() throws Exception {
        Path first = write("logs/first.log", "INFO a\nERROR 1 disk\nINFO b\n".repeat(500).getBytes(UTF_8));
        Path second = write("more/second.log.gz", InputFiles.gzip("ERROR 2 net\nINFO c\n".repeat(300)
                .getBytes(UTF_8)));

        Outcome outcome = fanout("run", first.toString(), second.toString(), "--job", "grep",
                "--param", "pattern=ERROR [0-9]", "--chunk-size", "4KiB");

        assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isZero();
        Path manifestFile = outcome.line("result", dir);
        JsonNode manifest = LocalPipeline.JSON.readTree(manifestFile.toFile());
        assertThat(manifest.path("records").asLong()).isEqualTo(800);
        List<String> lines = new ArrayList<>();
        for (JsonNode part : manifest.path("parts")) {
            String name = part.path("key").asText().substring(part.path("key").asText().lastIndexOf('/') + 1);
            Path local = manifestFile.resolveSibling(name);
            assertThat(local).exists().hasSize(part.path("bytes").asLong());
            lines.addAll(Files.readAllLines(local));
        }
        assertThat(lines).hasSize(800);
        // the key is the object's in the local input bucket: the job's staging prefix, then the file's name
        assertThat(lines.getFirst()).matches("\\{\"key\":\"uploads/[0-9a-f-]{36}/first\\.log\",\"offset\":7,"
                + "\"line\":\"ERROR 1 disk\"}");
        assertThat(lines.getLast()).matches("\\{\"key\":\"uploads/[0-9a-f-]{36}/second\\.log\\.gz\",\"offset\":"
                + (300 * 19 - 19) + ",\"line\":\"ERROR 2 net\"}");
        assertThat(outcome.out()).anyMatch(l -> l.startsWith("parts: " + manifest.path("parts").size() + " in "));
    }
}
