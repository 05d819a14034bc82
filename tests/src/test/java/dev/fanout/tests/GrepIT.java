package dev.fanout.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.tests.support.InputFiles;
import dev.fanout.tests.support.LocalPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code grep}, a map-only job, over a prefix: its parts against a scan done here, and with deliveries duplicated and
 * retried while it runs (and again after it) — each part complete, in order, each line once.
 */
class GrepIT {
    @RegisterExtension
    static final LocalPipeline pipeline = new LocalPipeline();

    private static final Pattern PATTERN = Pattern.compile("ERROR [0-9]+");

    /** The objects (key → decompressed text; sorted by key) and the lines a scan of them finds, in key order. */
    private record Logs(Map<String, byte[]> stored, List<String> expected) {
    }

    private static Logs logs(String prefix, long seed) {
        Random random = new Random(seed);
        Map<String, String> texts = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            texts.put(prefix + String.format("app-%03d.log", i) + (i % 10 == 0 ? ".gz" : ""), lines(random, 40));
        }
        texts.put(prefix + "big/huge.log", lines(random, 40_000));
        Map<String, byte[]> stored = new LinkedHashMap<>();
        List<String> expected = new ArrayList<>();
        texts.forEach((key, text) -> {
            byte[] bytes = text.getBytes(UTF_8);
            stored.put(key, key.endsWith(".gz") ? InputFiles.gzip(bytes) : bytes);
            long offset = 0;
            for (String line : text.split("\n", -1)) {
                if (PATTERN.matcher(line).find()) {
                    expected.add(key.substring(0) + "@" + offset + "@" + line);
                }
                offset += line.getBytes(UTF_8).length + 1;
            }
        });
        return new Logs(stored, expected);
    }

    private static String lines(Random random, int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append("ERROR ").append(random.nextInt(1000)).append(" disk \"full\" ünïcode");
                case 1 -> text.append("WARN retrying ").append(i);
                case 2 -> text.append("ERROR without a number");
                default -> text.append("INFO ok ").append(random.nextLong());
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** The lines of the manifest's parts, in manifest order, as key@offset@line. */
    private static List<String> partLines(JsonNode manifest) throws Exception {
        return partLines(pipeline, manifest);
    }

    private static List<String> partLines(LocalPipeline pipeline, JsonNode manifest) throws Exception {
        List<String> lines = new ArrayList<>();
        for (JsonNode part : manifest.path("parts")) {
            String text = pipeline.read("s3://" + pipeline.runtime().resultsBucket() + "/" + part.path("key").asText());
            assertThat(text).endsWith("\n");
            List<String> partLines = text.lines().toList();
            assertThat(partLines).hasSize(part.path("records").asInt());
            assertThat(text.getBytes(UTF_8)).hasSize(part.path("bytes").asInt());
            for (String line : partLines) {
                JsonNode record = LocalPipeline.JSON.readTree(line);
                lines.add(record.path("key").asText() + "@" + record.path("offset").asLong() + "@"
                        + record.path("line").asText());
            }
        }
        return lines;
    }

    private static String grepJob(String prefix) {
        return grepJob(pipeline, prefix);
    }

    private static String grepJob(LocalPipeline pipeline, String prefix) {
        return "{\"jobType\":\"grep\",\"input\":{\"s3Prefix\":\"s3://" + pipeline.runtime().inputBucket() + "/"
                + prefix + "\"},\"chunkSizeBytes\":65536,\"options\":{\"pattern\":\"ERROR [0-9]+\"}}";
    }

    @Test
    void writesEveryMatchingLineOnce_inOrder_likeAScanDoneHere() throws Exception {
        Logs logs = logs("grep/plain/", 1);
        InputFiles.putAll(pipeline.runtime().s3(), pipeline.runtime().inputBucket(), logs.stored());

        String jobId = pipeline.submit(grepJob("grep/plain/"));
        JsonNode manifest = pipeline.json(pipeline.awaitResult(jobId));

        assertThat(partLines(manifest)).containsExactlyElementsOf(logs.expected());
        assertThat(manifest.path("records").asLong()).isEqualTo(logs.expected().size());
        List<String> keys = new ArrayList<>();
        manifest.path("parts").forEach(p -> keys.add(p.path("key").asText()));
        assertThat(keys).isSorted().allMatch(k -> k.matches("results/" + jobId + "/part-\\d{6}\\.jsonl"));
        assertThat(pipeline.runtime().s3().listObjectsV2(r -> r.bucket(pipeline.runtime().resultsBucket())
                .prefix("results/" + jobId + "/part-")).contents()).hasSize(keys.size());
    }

    /**
     * While the job runs, deliveries are taken from the work queue, sent twice more (the same body and live task
     * token: duplicates, handled side by side) and put back at once (a retry, as after a worker that died); after the
     * job, every chunk is delivered twice more at once. The parts stay one whole copy each.
     */
    @Test
    void duplicatedAndRetriedDeliveriesLeaveExactlyOneCopyOfEachPart() throws Exception {
        Logs logs = logs("grep/meddled/", 2);
        InputFiles.putAll(pipeline.runtime().s3(), pipeline.runtime().inputBucket(), logs.stored());
        String queue = pipeline.runtime().workQueueUrl();
        Set<Integer> meddled = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread meddler = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                for (Message m : pipeline.runtime().sqs().receiveMessage(r -> r.queueUrl(queue)
                        .maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                    JsonNode body = pipeline.json(m.body());
                    if (body.path("chunk").path("jobType").asText().equals("grep")
                            && meddled.add(body.path("chunk").path("index").asInt())) {
                        pipeline.runtime().sqs().sendMessage(r -> r.queueUrl(queue).messageBody(m.body()));
                        pipeline.runtime().sqs().sendMessage(r -> r.queueUrl(queue).messageBody(m.body()));
                    }
                    pipeline.runtime().sqs().changeMessageVisibility(r -> r.queueUrl(queue)
                            .receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                }
            }
        });
        String jobId;
        JsonNode manifest;
        try {
            jobId = pipeline.submit(grepJob("grep/meddled/"));
            manifest = pipeline.json(pipeline.awaitResult(jobId));
        } finally {
            running.set(false);
            meddler.join();
        }
        assertThat(meddled).isNotEmpty();
        assertThat(partLines(manifest)).containsExactlyElementsOf(logs.expected());

        Map<String, byte[]> before = parts(jobId);
        JsonNode chunks = pipeline.json(pipeline.read("s3://" + pipeline.runtime().workBucket() + "/jobs/" + jobId
                + "/manifest.json"));
        AtomicInteger sent = new AtomicInteger();
        for (JsonNode chunk : chunks) {
            for (int copy = 0; copy < 2; copy++) {
                ObjectNode body = LocalPipeline.JSON.createObjectNode();
                body.put("taskToken", "token-of-an-earlier-delivery-" + copy);
                body.set("chunk", chunk);
                pipeline.runtime().sqs().sendMessage(r -> r.queueUrl(queue).messageBody(body.toString()));
                sent.incrementAndGet();
            }
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> queueIsEmpty(queue));

        assertThat(sent.get()).isEqualTo(2 * chunks.size());
        Map<String, byte[]> after = parts(jobId);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((key, bytes) -> assertThat(after.get(key)).as(key).isEqualTo(bytes));
        assertThat(pipeline.json(pipeline.awaitResult(jobId))).isEqualTo(manifest);
    }

    /**
     * Chaos mode on the map-only job (a runtime of its own): chunks whose map throws on their first attempt, whose
     * messages are delivered twice at once, and whose worker dies after writing, over a prefix of many small objects
     * (some gzip) and a big one in ranges. Every matching line is in the parts once, in order, and each chunk's part
     * exists once: no second copy, no stray part.
     */
    @Test
    void chaosThrowDuplicateAndCrashAfterWrite_leaveExactlyOneCopyOfEachPart() throws Exception {
        String chaos = "seed=5,throw=0.3,duplicate=0.3,crash-after-write=0.15";
        try (LocalPipeline chaotic = new LocalPipeline(LocalPipeline.options(DeploymentSettings.defaults()
                .withWorkerBatchSize(5)).chaos(chaos)).start()) {
            Logs logs = logs("grep/chaos/", 3);
            InputFiles.putAll(chaotic.runtime().s3(), chaotic.runtime().inputBucket(), logs.stored());

            String jobId = chaotic.submit(grepJob(chaotic, "grep/chaos/"));
            JsonNode manifest = chaotic.json(chaotic.awaitResult(jobId));
            JsonNode summary = chaotic.json(chaotic.read(chaotic.awaitEnd(jobId).path("summaryUri").asText()));

            assertThat(partLines(chaotic, manifest)).containsExactlyElementsOf(logs.expected());
            List<String> keys = new ArrayList<>();
            manifest.path("parts").forEach(p -> keys.add(p.path("key").asText()));
            assertThat(keys).doesNotHaveDuplicates().isSorted();
            assertThat(chaotic.runtime().s3().listObjectsV2Paginator(r -> r.bucket(chaotic.runtime().resultsBucket())
                    .prefix("results/" + jobId + "/part-")).contents()).extracting(o -> o.key())
                    .containsExactlyElementsOf(keys);
            JsonNode faults = summary.path("faults");
            for (String kind : List.of("throw", "duplicate", "crash-after-write")) {
                assertThat(faults.path(kind).path("injected").asInt()).as(kind + " injected").isPositive();
                assertThat(faults.path(kind).path("failed").asInt()).as(kind + " not absorbed").isZero();
            }
            assertThat(summary.path("partial").asBoolean()).isFalse();
        }
    }

    private static Map<String, byte[]> parts(String jobId) {
        Map<String, byte[]> parts = new TreeMap<>();
        pipeline.runtime().s3().listObjectsV2Paginator(r -> r.bucket(pipeline.runtime().resultsBucket())
                .prefix("results/" + jobId + "/")).contents().forEach(o -> parts.put(o.key(), pipeline.runtime().s3()
                .getObjectAsBytes(r -> r.bucket(pipeline.runtime().resultsBucket()).key(o.key())).asByteArray()));
        return parts;
    }

    private static boolean queueIsEmpty(String queue) {
        Map<QueueAttributeName, String> attrs = pipeline.runtime().sqs().getQueueAttributes(r -> r.queueUrl(queue)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attrs.values().stream().allMatch("0"::equals);
    }
}
