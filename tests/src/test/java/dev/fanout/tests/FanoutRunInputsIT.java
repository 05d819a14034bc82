package dev.fanout.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.tests.support.FanoutProcess;
import dev.fanout.tests.support.FanoutProcess.Outcome;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** {@code fanout run DIR} and {@code fanout run FILE FILE...} as a user runs them: one job over all the files. */
class FanoutRunInputsIT {
    /** Kept when a test fails: its .fanout/fanout.log, stdout.txt and stderr.txt are what to read then. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Outcome fanout(String... args) throws IOException, InterruptedException {
        return FanoutProcess.run(dir, args);
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
        // the files are served in place: none of them was copied into the local input bucket's folder
        assertThat(bytesUnder(dir.resolve(".fanout/s3/fanout-input"))).isZero();
    }

    private static long bytesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void listsADirectoryOfMoreThanOnePageOfObjects_eachAtItsPath_withoutCopyingOne() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1_205; i++) {
            String relative = (i % 4 == 0 ? "deep/er/" : i % 4 == 1 ? "deep/" : "") + "f" + i + ".log";
            write("many/" + relative, ("INFO start\nERROR " + i + "\nINFO end\n").getBytes(UTF_8));
            expected.add(relative);
        }

        Outcome outcome = fanout("run", "many", "--job", "grep", "--param", "pattern=ERROR");

        assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isZero();
        JsonNode manifest = LocalPipeline.JSON.readTree(outcome.line("result", dir).toFile());
        List<String> keys = new ArrayList<>();
        for (JsonNode part : manifest.path("parts")) {
            String name = part.path("key").asText().substring(part.path("key").asText().lastIndexOf('/') + 1);
            for (String line : Files.readAllLines(outcome.line("result", dir).resolveSibling(name))) {
                String key = LocalPipeline.JSON.readTree(line).path("key").asText();
                assertThat(key).matches("uploads/[0-9a-f-]{36}/.*");
                keys.add(key.substring(key.indexOf('/', "uploads/".length()) + 1));
            }
        }
        assertThat(keys).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(bytesUnder(dir.resolve(".fanout/s3/fanout-input"))).isZero();
    }

    @Test
    void aFileChangedDuringTheRunFailsTheJob_namingIt() throws Exception {
        Path text = write("notes.txt", "a line of notes\n".repeat(2_000).getBytes(UTF_8));
        long size = Files.size(text);

        // the job appends a line to its own input before counting chunk 0; chunk 1, read after it (one chunk at
        // a time), finds its object changed
        Outcome outcome = fanout("run", "notes.txt", "--job", "appending-linecount", "--param",
                "append-to=" + text.toAbsolutePath(), "--chunk-size", "8KiB", "--concurrency", "1");

        assertThat(outcome.exitCode()).as("stdout: %s", outcome.out()).isEqualTo(1);
        assertThat(outcome.err()).hasSize(1);
        assertThat(outcome.err().getFirst()).startsWith("fanout run: job ").contains("FAILED")
                .contains("input changed since planned").contains("notes.txt");
        assertThat(Files.size(text)).isGreaterThan(size);
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
