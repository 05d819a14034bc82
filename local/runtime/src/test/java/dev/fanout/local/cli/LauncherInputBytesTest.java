package dev.fanout.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's {@code run_input_bytes} (which decides the JIT tiers of a {@code fanout run}), taken from the
 * repository's {@code fanout} script as it is and run by bash over real files: the sizes expected are the files' own.
 */
class LauncherInputBytesTest {
    private static String function;

    @TempDir
    Path dir;

    @BeforeAll
    static void extract() throws IOException {
        Path launcher = Path.of("../../fanout");
        assumeTrue(Files.isRegularFile(launcher), "the launcher is at the repository's root");
        Matcher m = Pattern.compile("(?ms)^run_input_bytes\\(\\) \\{.*?^\\}$")
                .matcher(Files.readString(launcher));
        assertThat(m.find()).as("run_input_bytes in ./fanout").isTrue();
        function = m.group();
    }

    private long inputBytes(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", function + "\nrun_input_bytes \"$@\"", "bash"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return Long.parseLong(out);
    }

    private Path file(String name, int bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        return Files.write(f, new byte[bytes]);
    }

    @Test
    void sumsTheFilesAndDirectoriesNamed() throws Exception {
        Path one = file("a.txt", 1234);
        file("logs/x.log", 300);
        file("logs/deep/y.log", 4000);
        assertThat(inputBytes(one.toString(), "--job", "wordcount", dir.resolve("logs").toString()))
                .isEqualTo(1234 + 300 + 4000);
        assertThat(inputBytes(one.toString())).isEqualTo(1234);
    }

    @Test
    void countsAGzipFileFourTimes() throws Exception {
        Path gz = file("big.txt.gz", 1000);
        Path plain = file("small.txt", 10);
        assertThat(inputBytes(gz.toString(), plain.toString())).isEqualTo(4000 + 10);
    }

    @Test
    void skipsTheValuesOfOptionsAndWhatDoesNotExist() throws Exception {
        Path in = file("in.txt", 77);
        Path out = file("out/old-result.json", 50_000);
        Path jar = file("jobs.jar", 9_000);
        assertThat(inputBytes("--out", out.getParent().toString(), "--jobs-jar", jar.toString(), "--job=grep",
                "--param", "pattern=ERROR", in.toString(), "missing.txt")).isEqualTo(77);
        assertThat(inputBytes("--items", "[1,2]", "--job", "double")).isZero();
    }
}
