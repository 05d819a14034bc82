package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.tests.support.FanoutProcess;
import dev.fanout.tests.support.FanoutProcess.Outcome;
import dev.fanout.tests.support.LocalPipeline;
import dev.fanout.tests.support.TextCorpus;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** {@code fanout run} and {@code fanout serve} as separate processes, as the launcher starts them. */
class FanoutRunIT {
    private static final Path SAMPLES = Path.of("..", "samples");

    /** Kept when a test fails: its .fanout/fanout.log, stdout.txt and stderr.txt are what to read then. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Outcome fanout(String... args) throws IOException, InterruptedException {
        return FanoutProcess.run(dir, args);
    }

    @Test
    void runsTheSampleAndWritesResultAndSummary() throws Exception {
        Path sample = SAMPLES.resolve("words.txt").toAbsolutePath();

        Outcome outcome = fanout("run", sample.toString(), "--job", "wordcount", "--chunk-size", "32KiB");

        assertThat(outcome.exitCode()).as("stderr: %s", outcome.err()).isZero();
        assertThat(outcome.err()).isEmpty();
        String resultLine = outcome.out().stream().filter(l -> l.startsWith("result: ")).findFirst().orElseThrow();
        Path result = dir.resolve(resultLine.substring("result: ".length()));
        assertThat(result).exists().hasFileName("result.json");
        assertThat(result.getParent().getParent()).isEqualTo(dir.resolve("fanout-output"));
        Map<String, Long> counts = LocalPipeline.JSON.readValue(result.toFile(), new TypeReference<>() { });
        assertThat(counts).isEqualTo(TextCorpus.count(Files.readAllBytes(sample)));

        JsonNode summary = LocalPipeline.JSON.readTree(result.resolveSibling("summary.json").toFile());
        assertThat(summary.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(summary.path("bytes").asLong()).isEqualTo(Files.size(sample));
        assertThat(outcome.out()).anyMatch(l -> l.equals("summary: " + dir.relativize(result.resolveSibling("summary.json"))));
        // the local S3 is browseable: a folder per bucket (the input file is served in place, not copied there)
        assertThat(dir.resolve(".fanout/s3/fanout-input")).isDirectory();
    }

    @Test
    void doublesTheItemsOfAPrettyPrintedMultiLineJsonFile() throws Exception {
        // longs far beyond what a double holds exactly, and 30-digit integers, so any rounding shows
        Random random = new Random(42);
        List<BigInteger> items = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            items.add(i % 100 == 7 ? new BigInteger(100, random).negate() : BigInteger.valueOf(random.nextLong()));
        }
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < items.size(); i++) {
            // one element a line, indented, with a blank line, a tab and a CRLF now and then, as editors leave them
            json.append(i % 50 == 0 ? "\n\t" : "    ").append(items.get(i))
                    .append(i < items.size() - 1 ? (i % 37 == 0 ? " ,\r\n" : ",\n") : "\n");
        }
        Files.writeString(dir.resolve("numbers.json"), json.append("]\n"));

        Outcome outcome = fanout("run", "--items", "@numbers.json", "--job", "double", "--chunk-items", "250");

        assertThat(outcome.exitCode()).as("stderr: %s (logs: %s)", outcome.err(), dir.resolve(".fanout/fanout.log"))
                .isZero();
        assertThat(outcome.err()).isEmpty();
        String resultLine = outcome.out().stream().filter(l -> l.startsWith("result: ")).findFirst().orElseThrow();
        Path result = dir.resolve(resultLine.substring("result: ".length()));
        List<BigInteger> doubled = new ArrayList<>();
        LocalPipeline.JSON.readTree(result.toFile()).forEach(n -> doubled.add(n.bigIntegerValue()));
        assertThat(doubled).containsExactlyElementsOf(items.stream().map(n -> n.multiply(BigInteger.TWO)).toList());

        JsonNode summary = LocalPipeline.JSON.readTree(result.resolveSibling("summary.json").toFile());
        assertThat(summary.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(summary.path("records").asLong()).isEqualTo(3_000);
        assertThat(summary.path("chunks").path("total").asInt()).isEqualTo(12);
    }

    @Test
    void aFailingJobExitsWithOneLineNamingTheChunk() throws Exception {
        Outcome outcome = fanout("run", "--items", "[1,\"two\",3]", "--job", "double", "--chunk-items", "1",
                "--out", dir.resolve("out").toString());

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).hasSize(1);
        assertThat(outcome.err().get(0)).startsWith("fanout run: job ").contains("FAILED").contains("chunk 1 of 3");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void servePrintsItsEndpoints_servesJobs_andStopsOnSigterm() throws Exception {
        Path stdout = dir.resolve("serve.txt");
        Process process = FanoutProcess.start(dir, stdout, dir.resolve("serve-err.txt"), "serve", "--port", "0");
        try {
            String banner = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.readString(stdout), text -> text.contains("start a job"));
            for (String service : List.of("Dashboard", "Jobs API", "S3", "SQS", "Step Functions")) {
                assertThat(banner).containsPattern("(?m)^" + service + " +http://127\\.0\\.0\\.1:\\d+");
            }
            assertThat(banner).contains("curl -s -X POST").contains("aws --endpoint-url").contains("fanout-work-dlq");
            Matcher api = Pattern.compile("(?m)^Jobs API +(http://\\S+)").matcher(banner);
            assertThat(api.find()).isTrue();

            HttpClient http = HttpClient.newHttpClient();
            Matcher dashboard = Pattern.compile("(?m)^Dashboard +(http://\\S+)").matcher(banner);
            assertThat(dashboard.find()).isTrue();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(dashboard.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("<title>fanout · local dashboard</title>");
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(api.group(1) + "/jobs"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jobType\":\"double\",\"input\":{\"items\":[21]}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(202);
            String jobId = LocalPipeline.JSON.readTree(posted.body()).get("jobId").asText();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() ->
                    http.send(HttpRequest.newBuilder(URI.create(api.group(1) + "/jobs/" + jobId)).build(),
                            HttpResponse.BodyHandlers.ofString()).body().contains("\"SUCCEEDED\""));
        } finally {
            process.destroy(); // SIGTERM: the shutdown hook stops the runtime
        }
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("serve stopped").isTrue();
        assertThat(dir.resolve(".fanout/s3/fanout-results/results")).isDirectory();
    }

    @Test
    void badUsageExitsWith2BeforeStartingAnything() throws Exception {
        Outcome outcome = fanout("run", "missing.txt", "--job", "wordcount");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).containsExactly("fanout run: no such file: missing.txt");
        assertThat(dir.resolve(".fanout")).doesNotExist();
        Files.writeString(dir.resolve("x.txt"), "x", StandardCharsets.UTF_8);
        assertThat(fanout("run", "x.txt", "--job", "wordcount", "--chunk-size", "lots").exitCode()).isEqualTo(2);
    }
}
