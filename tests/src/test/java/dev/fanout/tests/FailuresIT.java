package dev.fanout.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.tests.support.LocalPipeline;
import dev.fanout.tests.support.TextCorpus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What the pipeline does with a chunk that can never succeed, and with a message delivered twice. */
class FailuresIT {
    /** The stack's settings (and its timing, scaled), in batches of 5 chunks. */
    @RegisterExtension
    static final LocalPipeline pipeline = new LocalPipeline(DeploymentSettings.defaults().withWorkerBatchSize(5));

    @Test
    void aPoisonChunkRunsOnce_failsTheJobNamingIt_andItsMessageIsInTheDlqAtOnce() {
        // 101 elements in chunks of 10: element 35 (not a number) lies in chunk 3
        List<String> items = IntStream.range(0, 101).mapToObj(i -> i == 35 ? "\"thirty-five\"" : Integer.toString(i))
                .toList();
        String jobId = pipeline.submit("{\"jobType\":\"double\",\"input\":{\"items\":"
                + items.stream().collect(Collectors.joining(",", "[", "]")) + "},\"chunkSizeItems\":10}");

        JsonNode view = pipeline.awaitEnd(jobId);

        assertThat(view.path("status").asText()).isEqualTo("FAILED");
        assertThat(view.path("error").asText()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(view.path("cause").asText()).contains("chunk 3 of 11")
                .contains("dev.fanout.core.error.MalformedRecordException");
        assertThat(view.path("resultUri").isNull() || view.path("resultUri").isMissingNode()).isTrue();
        JsonNode summary = pipeline.json(pipeline.read(view.path("summaryUri").asText()));
        assertThat(summary.path("failedChunks")).anySatisfy(c -> assertThat(c.path("index").asInt()).isEqualTo(3));

        // the worker moved it to the dead-letter queue itself, at once, and deleted it from the work queue
        String dlq = pipeline.runtime().deadLetterQueueUrl();
        Message dead = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> pipeline.runtime().sqs().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)
                                .messageAttributeNames("All")).messages().stream()
                                .filter(m -> m.body().contains(jobId)).findFirst().orElse(null),
                        m -> m != null);
        JsonNode chunk = pipeline.json(dead.body()).path("chunk");
        assertThat(chunk.path("jobId").asText()).isEqualTo(jobId);
        assertThat(chunk.path("index").asInt()).isEqualTo(3);
        assertThat(dead.messageAttributes().get("fanout-chunk-index").stringValue()).isEqualTo("3");
        assertThat(dead.messageAttributes().get("fanout-job-id").stringValue()).isEqualTo(jobId);
        assertThat(dead.messageAttributes().get("fanout-error").stringValue())
                .isEqualTo("dev.fanout.core.error.MalformedRecordException");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(this::workQueueIsEmpty);
        assertThat(pipeline.runtime().chunkRuns(jobId).get(3)).as("the poison chunk ran once").isEqualTo(1);
    }

    @Test
    void aDuplicateDeliveryOfAWorkMessageChangesNothing() throws Exception {
        byte[] text = TextCorpus.generate(1L << 20, 99);
        String uri = pipeline.putInput("books/duplicates.txt", text);
        String jobId = pipeline.submit("{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"" + uri
                + "\"},\"chunkSizeBytes\":65536}");

        // while the job runs: the same chunk's message once more, as SQS may deliver it (its token is not the live one)
        JsonNode manifest = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> readManifest(jobId), m -> m != null);
        sendDuplicate(manifest.get(0));

        String result = pipeline.awaitResult(jobId);
        Map<String, Long> counts = LocalPipeline.JSON.readValue(result, new TypeReference<>() { });
        assertThat(counts).isEqualTo(TextCorpus.count(text));
        JsonNode view = pipeline.awaitEnd(jobId);
        long chunks = (text.length + 65535) / 65536;
        assertThat(view.path("chunksTotal").asLong()).isEqualTo(chunks);
        assertThat(view.path("chunksSucceeded").asLong()).isEqualTo(chunks);

        // after the job: another duplicate is processed, acknowledged and deleted without touching the outputs
        String partialKey = "jobs/" + jobId + "/partials/000005";
        byte[] partialBefore = object(pipeline.runtime().workBucket(), partialKey).asByteArray();
        sendDuplicate(manifest.get(5));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(this::workQueueIsEmpty);

        assertThat(object(pipeline.runtime().workBucket(), partialKey).asByteArray()).isEqualTo(partialBefore);
        assertThat(pipeline.read(view.get("resultUri").asText())).isEqualTo(result);
        assertThat(pipeline.awaitEnd(jobId).path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(pipeline.runtime().sqs().receiveMessage(r -> r.queueUrl(pipeline.runtime().deadLetterQueueUrl()))
                .messages()).noneMatch(m -> m.body().contains(jobId));
    }

    private JsonNode readManifest(String jobId) {
        try {
            return pipeline.json(object(pipeline.runtime().workBucket(), "jobs/" + jobId + "/manifest.json")
                    .asUtf8String());
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return null;
        }
    }

    private ResponseBytes<GetObjectResponse> object(String bucket, String key) {
        return pipeline.runtime().s3().getObjectAsBytes(r -> r.bucket(bucket).key(key));
    }

    private void sendDuplicate(JsonNode chunk) {
        ObjectNode body = LocalPipeline.JSON.createObjectNode();
        body.put("taskToken", "token-of-an-earlier-delivery");
        body.set("chunk", chunk);
        pipeline.runtime().sqs().sendMessage(r -> r.queueUrl(pipeline.runtime().workQueueUrl())
                .messageBody(body.toString()));
    }

    private boolean workQueueIsEmpty() {
        Map<QueueAttributeName, String> attrs = pipeline.runtime().sqs().getQueueAttributes(r -> r
                .queueUrl(pipeline.runtime().workQueueUrl()).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attrs.values().stream().allMatch("0"::equals);
    }
}
