package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.config.EnvVar;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.pipeline.Worker;
import dev.fanout.lambda.support.EmbeddedS3;
import dev.fanout.lambda.support.EmbeddedSqs;
import dev.fanout.lambda.support.SfnStub;
import dev.fanout.lambda.support.TestEnv;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The deployable jar on its own: shading mistakes (a lost log4j plugin cache, unmerged ServiceLoader files, a
 * dependency left out) only show when the jar runs without the build's class path.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "lambda", "fanout-lambda.jar");
    private static final long MAX_JAR_BYTES = 15_000_000;

    @Test
    void holdsNoNettyOrApacheHttpClient() throws IOException {
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            System.out.printf("fanout-lambda.jar: %,d bytes, %,d entries%n", Files.size(JAR), names.size());
            // what each function downloads and unpacks on a cold start: the shade filters in pom.xml keep it small
            assertThat(Files.size(JAR)).isLessThanOrEqualTo(MAX_JAR_BYTES);
            assertThat(names).noneMatch(n -> n.startsWith("io/netty/"))
                    .noneMatch(n -> n.startsWith("org/apache/http/"))
                    .noneMatch(n -> n.startsWith("software/amazon/awssdk/http/apache"))
                    .noneMatch(n -> n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA"))
                    .contains("dev/fanout/lambda/WorkerHandler.class", "log4j2.xml",
                            "META-INF/services/dev.fanout.core.job.Job");
        }
    }

    @Test
    void runsHandlersAndLogsJson_fromTheJarAlone() throws Exception {
        Process process = new ProcessBuilder(javaExecutable(), "-cp", JAR.toString(), smokeSource().toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("JOBS [csv-aggregate, double, grep, jsonl-aggregate, wordcount]");
        assertThat(output).contains("API 400 ").contains("\"field\":\"jobType\"");
        assertThat(output).contains("WORKER m-1");
        // the SnapStart hook primes the pipeline and the SDK's request path without failing (and without AWS)
        assertThat(output).contains("PRIMED in ").doesNotContain("Warm-up failed").doesNotContain("priming the")
                .doesNotContain("NoClassDefFoundError");
        JsonNode logLine = output.lines().filter(l -> l.startsWith("{") && l.contains("\"level\""))
                .map(ShadedJarIT::parse).filter(n -> n.path("message").asText().startsWith("bad request"))
                .findFirst().orElseThrow(() -> new AssertionError("no JSON log line in:\n" + output));
        assertThat(logLine.path("level").asText()).isEqualTo("INFO");
        assertThat(logLine.has("timestamp")).isTrue();
    }

    /**
     * A whole job through every handler, each built as Lambda builds it, from the jar alone against real S3 and
     * Step Functions wire protocols: the jar leaves out SDK classes the functions are not expected to need (see
     * the shade filters in pom.xml), and this proves the ones they do need are there — requests, responses and
     * errors included.
     */
    @Test
    void runsAWholeJobThroughEveryHandler_fromTheJarAlone() throws Exception {
        String text = "the quick brown fox\njumps over the lazy dog\n".repeat(80) + "Über naïve CAFÉ\n";
        try (EmbeddedS3 s3 = new EmbeddedS3(); SfnStub sfn = new SfnStub()) {
            s3.createBucket(TestEnv.INPUT_BUCKET);
            s3.createBucket(TestEnv.WORK_BUCKET);
            s3.createBucket(TestEnv.RESULTS_BUCKET);
            // the worker needs its queue's URL, but calls SQS only for a failure, and this job has none
            Map<String, String> env = TestEnv.create().s3(s3.endpoint()).sfn(sfn.endpoint())
                    .set(EnvVar.WORK_QUEUE_URL, "http://127.0.0.1:9/000000000000/work").toMap();
            try (Wiring wiring = Wiring.from(env)) {
                wiring.blobs().put(new ObjectLocation(TestEnv.INPUT_BUCKET, "data/words.txt"),
                        text.getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
            }
            ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-cp", JAR.toString(),
                    smoke("ShadedJarPipeline.java").toString(), "data/words.txt").redirectErrorStream(true);
            builder.environment().putAll(env);
            builder.environment().put("AWS_EMF_ENVIRONMENT", "Local");
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException")
                    .contains("API POST 202 ").contains("SPLIT 4").contains("WORKER failures 0")
                    .contains("API GET 200").contains("HEAD missing true").contains("IF-MATCH refused")
                    .contains("TRIGGER done");
            String result = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow()
                    .substring("RESULT ".length());
            JsonNode counts = Json.mapper().readTree(result);
            assertThat(counts.path("the").asLong()).isEqualTo(160);
            assertThat(counts.path("fox").asLong()).isEqualTo(80);
            assertThat(counts.path("über").asLong()).isEqualTo(1);
            assertThat(counts.path("café").asLong()).isEqualTo(1);
            assertThat(counts.size()).isEqualTo(11);
            assertThat(sfn.calls("StartExecution")).hasSize(2);        // the API's job and the upload's
            assertThat(sfn.calls("SendTaskSuccess")).hasSize(4 + 1);   // wordcount's four chunks, grep's one
            // streaming writes and a map-only job over a prefix with a gzip object, from the jar's classes alone
            assertThat(output).contains("MULTIPART " + (9 << 20)).contains("ABANDONED absent true")
                    .contains("GREP SPLIT 1 failures 0");
            JsonNode manifest = Json.mapper().readTree(output.lines().filter(l -> l.startsWith("GREP RESULT "))
                    .findFirst().orElseThrow().substring("GREP RESULT ".length()));
            assertThat(manifest.path("records").asLong()).isEqualTo(2);
            assertThat(manifest.path("parts").get(0).path("key").asText()).isEqualTo("results/grep-job/part-000000.jsonl");
        }
    }

    /**
     * The worker's SQS calls from the jar alone against ElasticMQ: a chunk whose SendTaskSuccess fails after the
     * SDK's retries is put back for a short backoff (ChangeMessageVisibility: the message, invisible for 300 s
     * otherwise, is received again at once), and a chunk whose input is gone is dead-lettered with its attributes.
     */
    @Test
    void putsBackAndDeadLettersThroughSqs_fromTheJarAlone() throws Exception {
        String text = "the quick brown fox\n".repeat(10);
        try (EmbeddedS3 s3 = new EmbeddedS3(); SfnStub sfn = new SfnStub(); EmbeddedSqs sqsServer = new EmbeddedSqs();
             SqsClient sqs = SqsClient.builder().endpointOverride(sqsServer.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                     .build()) {
            s3.createBucket(TestEnv.INPUT_BUCKET);
            s3.createBucket(TestEnv.WORK_BUCKET);
            s3.createBucket(TestEnv.RESULTS_BUCKET);
            String workQueue = sqs.createQueue(b -> b.queueName("work").attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "300"))).queueUrl();
            String deadLetters = sqs.createQueue(b -> b.queueName("dead-letters")).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(workQueue).messageBody("the live chunk"));
            String receipt = sqs.receiveMessage(b -> b.queueUrl(workQueue).waitTimeSeconds(5)).messages().getFirst()
                    .receiptHandle();
            for (int i = 0; i < 5; i++) {   // more than the SDK's attempts
                sfn.failNext("SendTaskSuccess", 500, "ServiceUnavailable", "try again later");
            }
            Map<String, String> env = TestEnv.create().s3(s3.endpoint()).sfn(sfn.endpoint()).sqs(sqsServer.endpoint())
                    .set(EnvVar.WORK_QUEUE_URL, workQueue).set(EnvVar.DEAD_LETTER_QUEUE_URL, deadLetters)
                    .set(EnvVar.RETRY_BACKOFF_BASE_MILLIS, "100").set(EnvVar.RETRY_BACKOFF_CAP_MILLIS, "100").toMap();
            try (Wiring wiring = Wiring.from(env)) {
                wiring.blobs().put(new ObjectLocation(TestEnv.INPUT_BUCKET, "data/live.txt"),
                        text.getBytes(StandardCharsets.UTF_8), "text/plain", Map.of());
            }
            ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-cp", JAR.toString(),
                    smoke("ShadedJarQueue.java").toString(), "data/live.txt", Integer.toString(text.length()), receipt)
                    .redirectErrorStream(true);
            builder.environment().putAll(env);
            builder.environment().put("AWS_EMF_ENVIRONMENT", "Local");
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException")
                    .contains("QUEUE failures [m-live]");
            assertThat(sqs.receiveMessage(b -> b.queueUrl(workQueue).waitTimeSeconds(10)).messages())
                    .as("put back by ChangeMessageVisibility").singleElement()
                    .satisfies(m -> assertThat(m.body()).isEqualTo("the live chunk"));
            var dead = sqs.receiveMessage(b -> b.queueUrl(deadLetters).waitTimeSeconds(5)
                    .messageAttributeNames("All")).messages();
            assertThat(dead).singleElement().satisfies(m -> {
                assertThat(m.body()).contains("token-gone");
                assertThat(m.messageAttributes().get(Worker.JOB_ID_ATTRIBUTE).stringValue()).isEqualTo("queue-job");
                assertThat(m.messageAttributes().get(Worker.CHUNK_INDEX_ATTRIBUTE).stringValue()).isEqualTo("1");
                assertThat(m.messageAttributes().get(Worker.ERROR_ATTRIBUTE).stringValue())
                        .isEqualTo("dev.fanout.core.error.InputNotFoundException");
            });
            assertThat(sfn.calls("SendTaskFailure")).hasSize(1);
        }
    }

    private static Path smoke(String file) throws URISyntaxException {
        return Path.of(ShadedJarIT.class.getResource("/smoke/" + file).toURI());
    }

    private static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            return Json.mapper().missingNode();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Path smokeSource() throws URISyntaxException {
        return Path.of(ShadedJarIT.class.getResource("/smoke/ShadedJarSmoke.java").toURI());
    }
}
