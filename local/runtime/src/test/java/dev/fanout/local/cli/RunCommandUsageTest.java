package dev.fanout.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad usage of {@code fanout run}: one line on stderr and exit code 2, before anything starts. */
class RunCommandUsageTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = FanoutCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private void assertUsageError(int code, String expectedFragment) {
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).contains(expectedFragment);
        assertThat(out.toString()).isEmpty();
        // nothing started: no data folder was created
        assertThat(dir.resolve("data")).doesNotExist();
    }

    private String dataDir() {
        return dir.resolve("data").toString();
    }

    @Test
    void missingFile() {
        int code = run("run", dir.resolve("nope.txt").toString(), "--job", "wordcount", "--data-dir", dataDir());
        assertUsageError(code, "no such file");
    }

    @Test
    void aDirectoryWithoutRegularFilesIsNoInput() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty/sub"));
        int code = run("run", empty.getParent().toString(), "--job", "wordcount", "--data-dir", dataDir());
        assertUsageError(code, "no regular file in");
    }

    @Test
    void twoFilesOfOneNameWouldShareAKey() throws Exception {
        Path a = Files.writeString(Files.createDirectories(dir.resolve("a")).resolve("x.txt"), "a\n");
        Path b = Files.writeString(Files.createDirectories(dir.resolve("b")).resolve("x.txt"), "b\n");
        int code = run("run", a.toString(), b.toString(), "--job", "wordcount", "--data-dir", dataDir());
        assertUsageError(code, "would both be x.txt");
    }

    @Test
    void unknownJob_namesTheKnownOnes() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "a b c\n");
        int code = run("run", input.toString(), "--job", "nosuchjob", "--data-dir", dataDir());
        assertUsageError(code, "unknown job 'nosuchjob'");
        assertThat(err.toString()).contains("wordcount").contains("csv-aggregate").contains("double");
    }

    @Test
    void badSizeSyntax() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "a b c\n");
        int code = run("run", input.toString(), "--job", "wordcount", "--chunk-size", "8XB", "--data-dir", dataDir());
        assertUsageError(code, "8XB");
    }

    @Test
    void missingJobOption() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "a b c\n");
        int code = run("run", input.toString(), "--data-dir", dataDir());
        assertUsageError(code, "--job");
    }

    @Test
    void bothFileAndItems() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "a b c\n");
        int code = run("run", input.toString(), "--items", "[1]", "--job", "double", "--data-dir", dataDir());
        assertUsageError(code, "either FILE|DIR... or --items");
    }

    @Test
    void itemsThatAreNotAJsonArray() {
        int code = run("run", "--items", "{\"a\":1}", "--job", "double", "--data-dir", dataDir());
        assertUsageError(code, "JSON array");
    }

    @Test
    void itemsFileThatDoesNotExist() {
        int code = run("run", "--items", "@" + dir.resolve("missing.json"), "--job", "double", "--data-dir", dataDir());
        assertUsageError(code, "no such file");
    }

    @Test
    void concurrencyBelowOne() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "a b c\n");
        int code = run("run", input.toString(), "--job", "wordcount", "--concurrency", "0", "--data-dir", dataDir());
        assertUsageError(code, "--concurrency");
    }

    @Test
    void anUnknownChaosKey() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "a b c\n");
        int code = run("run", input.toString(), "--job", "wordcount", "--chaos", "seed=2,explode=0.5",
                "--data-dir", dataDir());
        assertUsageError(code, "unknown chaos key 'explode'");
    }

    @Test
    void aChaosProbabilityOutsideZeroToOne() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "a b c\n");
        int code = run("run", input.toString(), "--job", "wordcount", "--chaos", "throw=1.2", "--data-dir", dataDir());
        assertUsageError(code, "--chaos: throw must be a probability within 0..1");
    }

    @Test
    void aTimeScaleOutsideTheContractsRange() throws Exception {
        Path input = Files.writeString(dir.resolve("in.txt"), "a b c\n");
        int code = run("run", input.toString(), "--job", "wordcount", "--time-scale", "0", "--data-dir", dataDir());
        assertUsageError(code, "--time-scale must be within 0.01..1");
    }

    @Test
    void serveRefusesABadChaosSpecToo() {
        int code = run("serve", "--chaos", "hang=2", "--data-dir", dataDir());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("hang must be a probability within 0..1");
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
