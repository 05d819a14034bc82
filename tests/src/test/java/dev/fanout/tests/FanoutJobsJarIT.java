package dev.fanout.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.local.cli.FanoutCli;
import dev.fanout.tests.support.FanoutProcess;
import dev.fanout.tests.support.FanoutProcess.Outcome;
import dev.fanout.tests.support.JobsJar;
import dev.fanout.tests.support.LocalPipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code fanout run --jobs-jar} and {@code fanout serve --jobs-jar} with a jar built as a user builds one: a job
 * compiled against fanout-core alone, with its service file.
 */
class FanoutJobsJarIT {
    /** The built-in job types, and the job types of this module's tests (on its class path). */
    private static final String BUILT_IN = "appending-linecount, csv-aggregate, double, dying-linecount, "
            + "gated-count, grep, jsonl-aggregate, slow-linecount, wordcount";
    /** Kept when a test fails: its .fanout/fanout.log, stdout.txt and stderr.txt are what to read then. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Path lineCountJar(String fileName) throws IOException {
        return new JobsJar(dir).source("com.example.jobs.LineCount", JobsJar.lineCount("com.example.jobs.LineCount",
                "linecount")).provider("com.example.jobs.LineCount").build(fileName);
    }

    @Test
    void runsAJobTypeFromTheJar_throughEveryFunction_countingEveryLineExactly() throws Exception {
        Path jar = lineCountJar("my-jobs.jar");
        // lines of many lengths, LF and CRLF, multi-byte text, no line feed after the last one: 32 KiB chunks cut
        // through lines everywhere, and only an exact count of line starts per chunk adds up
        StringBuilder text = new StringBuilder();
        int lines = 5_003;
        for (int i = 0; i < lines; i++) {
            text.append("line ").append(i).append(" ").append("é€".repeat(i % 37)).append("x".repeat(i % 101));
            if (i < lines - 1) {
                text.append(i % 7 == 0 ? "\r\n" : "\n");
            }
        }
        Path input = Files.writeString(dir.resolve("notes.txt"), text, UTF_8);

        Outcome outcome = fanout("run", input.toString(), "--job", "linecount", "--jobs-jar", jar.toString(),
                "--chunk-size", "32KiB");

        assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isZero();
        JsonNode result = LocalPipeline.JSON.readTree(outcome.line("result", dir).toFile());
        assertThat(result.toString()).isEqualTo("{\"lines\":" + lines + "}");
        JsonNode summary = LocalPipeline.JSON.readTree(outcome.line("summary", dir).toFile());
        assertThat(summary.path("chunks").path("total").asLong()).as("summary: %s", summary)
                .isEqualTo((Files.size(input) + 32 * 1024 - 1) / (32 * 1024)).isGreaterThan(10);
    }

    @Test
    void serveKnowsTheJarsJobTypes_theJobsApiRunsThem() throws Exception {
        String sum = """
                package com.example.jobs;

                import static java.nio.charset.StandardCharsets.UTF_8;

                import dev.fanout.core.job.*;
                import java.io.IOException;
                import java.io.OutputStream;
                import java.util.Iterator;

                public final class Sum implements Job<Long> {
                    public String name() { return "sum"; }
                    public InputFormat inputFormat() { return InputFormat.JSON_ARRAY; }
                    public Long map(MapContext ctx, Iterator<InputRecord> records) {
                        long total = 0;
                        while (records.hasNext()) { total += Long.parseLong(records.next().text()); }
                        return total;
                    }
                    public Long combine(Long a, Long b) { return a + b; }
                    public Long empty() { return 0L; }
                    public byte[] encode(Long p) { return p.toString().getBytes(UTF_8); }
                    public Long decode(byte[] b) { return Long.parseLong(new String(b, UTF_8)); }
                    public void writeResult(Long total, OutputStream out) throws IOException {
                        out.write(("{\\"sum\\":" + total + "}").getBytes(UTF_8));
                    }
                }
                """;
        Path jar = new JobsJar(dir).source("com.example.jobs.Sum", sum).provider("com.example.jobs.Sum")
                .build("sum-jobs.jar");
        Path stdout = dir.resolve("serve.txt");
        Process process = FanoutProcess.start(dir, stdout, dir.resolve("serve-err.txt"), "serve", "--port", "0",
                "--jobs-jar", jar.toString());
        String jobId;
        try {
            String banner = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.readString(stdout), text -> text.contains("Job types"));
            assertThat(banner).containsPattern("(?m)^Job types +" + BUILT_IN + "; from sum-jobs\\.jar: sum$");
            Matcher api = Pattern.compile("(?m)^Jobs API +(http://\\S+)").matcher(banner);
            assertThat(api.find()).isTrue();
            // 1..300 in chunks of 7 items: the jobs API, the splitter, the workers and the reducer all need the job
            StringBuilder items = new StringBuilder("[");
            for (int i = 1; i <= 300; i++) {
                items.append(i == 1 ? "" : ",").append(i);
            }
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(api.group(1) + "/jobs"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jobType\":\"sum\",\"chunkSizeItems\":7,"
                            + "\"input\":{\"items\":" + items + "]}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            String id = LocalPipeline.JSON.readTree(posted.body()).get("jobId").asText();
            jobId = id;
            String status = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() ->
                    http.send(HttpRequest.newBuilder(URI.create(api.group(1) + "/jobs/" + id)).build(),
                            HttpResponse.BodyHandlers.ofString()).body(), body -> !body.contains("\"RUNNING\""));
            assertThat(LocalPipeline.JSON.readTree(status).path("status").asText()).as(status).isEqualTo("SUCCEEDED");
        } finally {
            process.destroy(); // SIGTERM: the shutdown hook stops the runtime
        }
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("serve stopped").isTrue();
        assertThat(dir.resolve(".fanout/s3/fanout-results/results/" + jobId + "/result.json"))
                .hasContent("{\"sum\":" + (300 * 301 / 2) + "}");
    }

    @Nested
    class UsageErrors {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();

        private int cli(String... args) {
            CommandLine cli = FanoutCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return cli.execute(args);
        }

        private int run(Path jar) {
            return cli("run", "--items", "[1,2]", "--job", "linecount", "--jobs-jar", jar.toString(),
                    "--data-dir", dir.resolve("data").toString());
        }

        private void assertUsageError(int code, String expected) {
            assertThat(code).isEqualTo(2);
            assertThat(err.toString().lines()).as(err.toString()).containsExactly(expected);
            assertThat(out.toString()).isEmpty();
            assertThat(dir.resolve("data")).as("nothing started").doesNotExist();
        }

        @Test
        void aMissingJar() {
            Path jar = dir.resolve("nope.jar");
            assertUsageError(run(jar), "fanout run: --jobs-jar " + jar + ": no such file");
        }

        @Test
        void aFileThatIsNoJar() throws Exception {
            Path jar = Files.writeString(dir.resolve("notes.jar"), "not a zip file");
            assertThat(run(jar)).isEqualTo(2);
            assertThat(err.toString()).startsWith("fanout run: --jobs-jar " + jar + ": not a jar (");
        }

        @Test
        void aDirectory() throws Exception {
            Path jar = Files.createDirectories(dir.resolve("classes.jar"));
            assertUsageError(run(jar), "fanout run: --jobs-jar " + jar + ": not a regular file");
        }

        @Test
        void aJarWithoutJobTypes_sayWhereTheyAreDeclared() throws Exception {
            Path jar = new JobsJar(dir).source("com.example.Util", "package com.example; public class Util { }")
                    .build("util.jar");
            assertUsageError(run(jar), "fanout run: --jobs-jar " + jar.toRealPath() + ": no job types in it (a job "
                    + "type is a class implementing dev.fanout.core.job.Job, named in the jar's "
                    + "META-INF/services/dev.fanout.core.job.Job)");
        }

        @Test
        void aJobNamedLikeABuiltIn() throws Exception {
            Path jar = new JobsJar(dir).source("com.example.MyWords", JobsJar.lineCount("com.example.MyWords",
                    "wordcount")).provider("com.example.MyWords").build("clash.jar");
            assertUsageError(run(jar), "fanout run: --jobs-jar " + jar.toRealPath() + ": job type 'wordcount' of "
                    + "com.example.MyWords has the name of the built-in job type (dev.fanout.core.jobs.WordCountJob); "
                    + "rename it");
        }

        @Test
        void twoJarsWithOneJobName_nameBothClasses() throws Exception {
            Path one = new JobsJar(dir).source("com.one.Count", JobsJar.lineCount("com.one.Count", "count"))
                    .provider("com.one.Count").build("one.jar");
            Path two = new JobsJar(dir).source("com.two.Count", JobsJar.lineCount("com.two.Count", "count"))
                    .provider("com.two.Count").build("two.jar");
            int code = cli("run", "--items", "[1]", "--job", "count", "--jobs-jar", one.toString(), "--jobs-jar",
                    two.toString(), "--data-dir", dir.resolve("data").toString());
            assertUsageError(code, "fanout run: --jobs-jar " + one.toRealPath() + ", " + two.toRealPath()
                    + ": two job types named 'count': com.one.Count (from " + one.toRealPath()
                    + ") and com.two.Count (from " + two.toRealPath() + ")");
        }

        @Test
        void aJobClassThatIsNotInTheJar() throws Exception {
            Path jar = new JobsJar(dir).provider("com.example.Gone").build("gone.jar");
            assertUsageError(run(jar), "fanout run: --jobs-jar " + jar.toRealPath()
                    + ": Provider com.example.Gone not found");
        }

        @Test
        void aJobClassWhoseConstructorThrows_namesTheClassAndTheCause() throws Exception {
            Path jar = new JobsJar(dir).source("com.example.Broken", JobsJar.lineCount("com.example.Broken", "broken")
                    .replace("public String name()", "public Broken() { throw new IllegalStateException(\"no "
                            + "config\"); }\n    public String name()")).provider("com.example.Broken")
                    .build("broken.jar");
            assertUsageError(run(jar), "fanout run: --jobs-jar " + jar.toRealPath() + ": Provider com.example.Broken "
                    + "could not be instantiated: java.lang.IllegalStateException: no config");
        }

        @Test
        void aJobClassWhoseSuperclassIsMissing_namesTheClassAndTheMissingOne() throws Exception {
            Path jar = new JobsJar(dir)
                    .source("com.example.lib.Base", "package com.example.lib; public abstract class Base { }")
                    .source("com.example.Orphan", JobsJar.lineCount("com.example.Orphan", "orphan")
                            .replace("public final class Orphan implements", "public final class Orphan extends "
                                    + "com.example.lib.Base implements"))
                    .omit("com.example.lib.Base").provider("com.example.Orphan").build("orphan.jar");
            assertUsageError(run(jar), "fanout run: --jobs-jar " + jar.toRealPath() + ": job class com.example.Orphan "
                    + "cannot be loaded: java.lang.NoClassDefFoundError: com/example/lib/Base, caused by "
                    + "java.lang.ClassNotFoundException: com.example.lib.Base");
        }

        @Test
        void anUnknownJob_listsTheBuiltInJobTypesAndTheJars() throws Exception {
            Path jar = lineCountJar("my-jobs.jar");
            int code = cli("run", "--items", "[1]", "--job", "linecont", "--jobs-jar", jar.toString(),
                    "--data-dir", dir.resolve("data").toString());
            assertUsageError(code, "fanout run: unknown job 'linecont'; known jobs: " + BUILT_IN
                    + "; from my-jobs.jar: linecount");
        }

        @Test
        void aShadedJarCarryingTheBuiltInsServiceFile_addsOnlyItsOwnJobTypes() throws Exception {
            Path jar = new JobsJar(dir).source("com.example.jobs.LineCount", JobsJar.lineCount(
                    "com.example.jobs.LineCount", "linecount")).provider("dev.fanout.core.jobs.WordCountJob")
                    .provider("com.example.jobs.LineCount").build("shaded.jar");
            assertThat(cli("run", "--jobs-jar", jar.toString(), "--help")).isZero();
            assertThat(out.toString().replaceAll("\\s+", " ")).contains(" Job types (--job): " + BUILT_IN
                    + "; from shaded.jar: linecount ");
            assertThat(err.toString()).isEmpty();
        }

        @Test
        void serve_refusesABadJarBeforeStarting() {
            Path jar = dir.resolve("nope.jar");
            int code = cli("serve", "--port", "0", "--jobs-jar", jar.toString(), "--data-dir",
                    dir.resolve("data").toString());
            assertUsageError(code, "fanout: --jobs-jar " + jar + ": no such file (see 'fanout serve --help')");
        }

        @Test
        void help_listsTheBuiltInJobTypesAndTheJars() throws Exception {
            Path jar = lineCountJar("my-jobs.jar");
            for (String command : List.of("run", "serve")) {
                out.getBuffer().setLength(0);
                assertThat(cli(command, "--jobs-jar", jar.toString(), "--help")).isZero();
                assertThat(out.toString()).contains("--jobs-jar=JAR");
                assertThat(out.toString().replaceAll("\\s+", " ")).contains(" Job types (--job): " + BUILT_IN
                        + "; from my-jobs.jar: linecount ");
            }
            out.getBuffer().setLength(0);
            assertThat(cli("run", "--help")).isZero();
            assertThat(out.toString().replaceAll("\\s+", " ")).contains(" Job types (--job): " + BUILT_IN
                    + " Exit codes: ");
            assertThat(err.toString()).isEmpty();
        }
    }

    private Outcome fanout(String... args) throws IOException, InterruptedException {
        return FanoutProcess.run(dir, args);
    }
}
