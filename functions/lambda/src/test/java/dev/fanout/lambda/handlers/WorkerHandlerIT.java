package dev.fanout.lambda.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.ChunkResult;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.pipeline.Keys;
import dev.fanout.lambda.WorkerHandler;
import dev.fanout.lambda.support.EventSourceMapping;
import dev.fanout.lambda.support.EventSourceMapping.Poll;
import dev.fanout.lambda.support.Pipeline;
import dev.fanout.lambda.support.SfnStub;
import dev.fanout.lambda.support.TestContext;
import dev.fanout.lambda.support.TestEnv;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The worker function on a real queue (ElasticMQ) and real storage (s3proxy), Step Functions stubbed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerHandlerIT {
    private static final String STORAGE_UNAVAILABLE = "dev.fanout.core.error.StorageUnavailableException";

    private Pipeline pipeline;

    @BeforeAll
    void start() throws Exception {
        pipeline = new Pipeline();
    }

    @AfterAll
    void stop() throws Exception {
        pipeline.close();
    }

    private static String newJobId() {
        return "job-" + UUID.randomUUID();
    }

    private Chunk chunk(String jobId, ObjectInfo input, int index, int total, long start, long end) {
        return new Chunk(jobId, "wordcount", index, total, input.location(), start, end, input.size(), input.etag(),
                null, Map.of());
    }

    private ObjectInfo putText(String key, String text) {
        return pipeline.wiring().blobs().head(pipeline.putInput(key, text)).orElseThrow();
    }

    private SfnStub.Call callFor(String operation, String token) {
        List<SfnStub.Call> calls = pipeline.sfn().calls(operation).stream()
                .filter(c -> c.body().path("taskToken").asText().equals(token)).toList();
        assertThat(calls).as(operation + " calls for " + token).hasSize(1);
        return calls.getFirst();
    }

    private long callCount(String operation, String token) {
        return pipeline.sfn().calls(operation).stream()
                .filter(c -> c.body().path("taskToken").asText().equals(token)).count();
    }

    private static String messageIdOf(Poll poll, String token) {
        return poll.delivered().stream().filter(m -> m.getBody().contains(token)).map(SQSEvent.SQSMessage::getMessageId)
                .findFirst().orElseThrow();
    }

    private Map<String, Long> partialCounts(String jobId, int index) {
        byte[] partial = pipeline.read(new ObjectLocation(TestEnv.WORK_BUCKET, Keys.partial(jobId, index)));
        return new dev.fanout.core.jobs.WordCountJob().decode(partial);
    }

    /** A work queue of its own (visibility 60 s, DLQ after 3 receives) and a worker wired to it. */
    private record Queue(String url, WorkerHandler handler, EventSourceMapping mapping) {
    }

    private Queue queue() {
        String url = pipeline.createWorkQueue(3);
        WorkerHandler worker = new WorkerHandler(pipeline.wiringFor(url));
        return new Queue(url, worker, new EventSourceMapping(pipeline.sqsClient(), url, worker));
    }

    @Test
    void putsATransientlyFailedMessageBackForAShortBackoff_andReportsOnlyIt() {
        String jobId = newJobId();
        // line 1 is bytes [0,13), line 2 is [13,26)
        ObjectInfo input = putText("worker/batch.txt", "apple banana\napple cherry\n");
        ObjectInfo flaky = putText("worker/flaky.txt", "pear plum\n");
        pipeline.store().failGets(TestEnv.INPUT_BUCKET, "worker/flaky.txt", 1_000);
        Queue q = queue();
        try {
            pipeline.sendChunk(q.url(), "t-first", chunk(jobId, input, 0, 3, 0, 13));
            pipeline.sendChunk(q.url(), "t-flaky", chunk(jobId, flaky, 2, 3, 0, flaky.size()));
            pipeline.sendChunk(q.url(), "t-second", chunk(jobId, input, 1, 3, 13, 26));

            Poll poll = q.mapping().poll(3, new TestContext());

            assertThat(poll.failedMessageIds()).containsExactly(messageIdOf(poll, "t-flaky"));
            assertThat(partialCounts(jobId, 0)).isEqualTo(Map.of("apple", 1L, "banana", 1L));
            assertThat(partialCounts(jobId, 1)).isEqualTo(Map.of("apple", 1L, "cherry", 1L));
            ChunkResult reported = Json.read(callFor("SendTaskSuccess", "t-first").body().path("output").asText(),
                    ChunkResult.class);
            assertThat(reported.index()).isZero();
            assertThat(callCount("SendTaskFailure", "t-flaky")).isZero();
            assertThat(callCount("SendTaskHeartbeat", "t-flaky")).as("the check, and the beat before the backoff")
                    .isEqualTo(2);
            // back within the 1 s backoff, long before the queue's 60 s visibility timeout
            assertThat(q.mapping().receiveFrom(q.url(), 20)).singleElement().satisfies(m -> {
                assertThat(m.body()).contains("t-flaky");
                assertThat(m.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
            });
        } finally {
            pipeline.store().failGets(TestEnv.INPUT_BUCKET, "worker/flaky.txt", 0);
        }
    }

    @Test
    void dropsADeliveryWhoseTaskIsOver_withoutRunningTheChunk() {
        String jobId = newJobId();
        ObjectInfo input = putText("worker/stale.txt", "old news\n");
        Queue q = queue();
        pipeline.sendChunk(q.url(), "t-stale", chunk(jobId, input, 0, 1, 0, input.size()));
        pipeline.sfn().failNext("SendTaskHeartbeat", 400, "TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");

        Poll poll = q.mapping().poll(1, new TestContext());

        assertThat(poll.failedMessageIds()).isEmpty();
        assertThat(callCount("SendTaskSuccess", "t-stale")).isZero();
        assertThat(pipeline.exists(new ObjectLocation(TestEnv.WORK_BUCKET, Keys.partial(jobId, 0)))).isFalse();
        assertThat(q.mapping().receiveFrom(q.url())).as("deleted").isEmpty();
        assertThat(q.mapping().receiveFrom(pipeline.dlqUrl(q.url()))).isEmpty();
    }

    @Test
    void answersARedeliveredChunkFromItsStoredPartial_andDeletesIt_whenItsTaskHasTimedOut() {
        String jobId = newJobId();
        ObjectInfo input = putText("worker/redelivered.txt", "one two two\nthree three three\n");
        Queue q = queue();
        pipeline.sendChunk(q.url(), "t-redelivered", chunk(jobId, input, 0, 1, 0, input.size()));
        ObjectLocation partial = new ObjectLocation(TestEnv.WORK_BUCKET, Keys.partial(jobId, 0));

        Poll first = q.mapping().poll(1, new TestContext(), true); // crashed after writing: the message comes back
        byte[] written = pipeline.read(partial);
        pipeline.sfn().failNext("SendTaskSuccess", 400, "TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
        Poll second = q.mapping().poll(1, new TestContext());

        assertThat(first.failedMessageIds()).isEmpty();
        assertThat(second.delivered().getFirst().getAttributes()).containsEntry("ApproximateReceiveCount", "2");
        assertThat(second.failedMessageIds()).as("a late SendTaskSuccess refusal fails nothing").isEmpty();
        assertThat(callCount("SendTaskSuccess", "t-redelivered")).isEqualTo(2);
        assertThat(pipeline.read(partial)).isEqualTo(written);
        assertThat(partialCounts(jobId, 0)).isEqualTo(Map.of("one", 1L, "two", 2L, "three", 3L));
        assertThat(q.mapping().receiveFrom(q.url())).as("the message was deleted").isEmpty();
    }

    @Test
    void retriesATransientFailureSecondsApart_thenOnTheLastReceiveReportsItAndDeadLettersTheMessage() {
        String jobId = newJobId();
        ObjectInfo input = putText("worker/unreadable.txt", "a\nb\nc\nd\ne\nf\ng\nh\n");
        pipeline.store().failGets(TestEnv.INPUT_BUCKET, "worker/unreadable.txt", 1_000);
        Queue q = queue();
        pipeline.sendChunk(q.url(), "t-last", chunk(jobId, input, 2, 4, 8, 12));

        try {
            Poll first = q.mapping().poll(1, new TestContext());
            Poll second = q.mapping().poll(1, new TestContext()); // back after at most 1 s (visibility: 60 s)
            assertThat(callCount("SendTaskFailure", "t-last")).as("no failure before the last receive").isZero();
            Poll third = q.mapping().poll(1, new TestContext()); // after at most 2 s more

            assertThat(List.of(first, second)).allSatisfy(p -> assertThat(p.failedMessageIds()).hasSize(1));
            assertThat(third.delivered().getFirst().getAttributes()).containsEntry("ApproximateReceiveCount", "3");
            assertThat(third.failedMessageIds()).as("the worker moved it to the DLQ itself").isEmpty();
            JsonNode failure = callFor("SendTaskFailure", "t-last").body();
            assertThat(failure.path("error").asText()).isEqualTo(STORAGE_UNAVAILABLE);
            assertThat(failure.path("cause").asText())
                    .contains("chunk 2 of 4")
                    .contains("s3://" + TestEnv.INPUT_BUCKET + "/worker/unreadable.txt")
                    .contains("8");
            assertThat(callCount("SendTaskSuccess", "t-last")).isZero();
            assertThat(pipeline.exists(new ObjectLocation(TestEnv.WORK_BUCKET, Keys.failure(jobId, 2)))).isTrue();
            assertThat(pipeline.exists(new ObjectLocation(TestEnv.WORK_BUCKET, Keys.partial(jobId, 2)))).isFalse();
            assertThat(q.mapping().receiveFrom(q.url())).as("gone from the work queue").isEmpty();
            assertThat(q.mapping().receiveFrom(pipeline.dlqUrl(q.url()))).singleElement().satisfies(m -> {
                assertThat(m.body()).contains("t-last");
                assertThat(m.messageAttributes().get("fanout-job-id").stringValue()).isEqualTo(jobId);
                assertThat(m.messageAttributes().get("fanout-chunk-index").stringValue()).isEqualTo("2");
                assertThat(m.messageAttributes().get("fanout-error").stringValue()).isEqualTo(STORAGE_UNAVAILABLE);
            });
        } finally {
            pipeline.store().failGets(TestEnv.INPUT_BUCKET, "worker/unreadable.txt", 0);
        }
    }

    @Test
    void reportsAMalformedRowAtOnce_namingTheByteOffset_andDeadLettersItsMessageWithoutARetry() {
        String jobId = newJobId();
        String header = "city,amount\n";
        String good = "Oslo,10\n";
        String bad = "Bergen,ten\n";
        ObjectInfo input = putText("worker/sales.csv", header + good + bad);
        long badOffset = header.length() + good.length();
        Chunk chunk = new Chunk(jobId, "csv-aggregate", 0, 1, input.location(), header.length(), input.size(),
                input.size(), input.etag(), "city,amount", Map.of("group-by", "city", "value", "amount"));
        Queue q = queue();
        pipeline.sendChunk(q.url(), "t-malformed", chunk);

        Poll poll = q.mapping().poll(1, new TestContext());

        assertThat(poll.failedMessageIds()).isEmpty();
        JsonNode failure = callFor("SendTaskFailure", "t-malformed").body();
        assertThat(failure.path("error").asText()).isEqualTo("dev.fanout.core.error.MalformedRecordException");
        assertThat(failure.path("cause").asText())
                .contains("chunk 0 of 1")
                .contains("byte offset " + badOffset)
                .as("no record contents").doesNotContain("Bergen");
        assertThat(q.mapping().receiveFrom(q.url())).isEmpty();
        assertThat(q.mapping().receiveFrom(pipeline.dlqUrl(q.url()))).singleElement()
                .satisfies(m -> assertThat(m.messageAttributes().get("fanout-cause").stringValue())
                        .contains("byte offset " + badOffset).doesNotContain("Bergen"));
    }

    @Test
    void leavesAnUnparseableMessageForTheRedrivePolicy_withoutCallingStepFunctions() {
        Queue q = queue();
        pipeline.sendBody(q.url(), "this is not a work message");
        int callsBefore = pipeline.sfn().calls().size();

        Poll poll = q.mapping().poll(1, new TestContext());

        assertThat(poll.failedMessageIds()).containsExactly(poll.delivered().getFirst().getMessageId());
        assertThat(pipeline.sfn().calls()).hasSize(callsBefore);
    }

    @Test
    void answersAnEmptyBatchWithNoFailures() {
        assertThat(queue().handler().handleRequest(new SQSEvent(), new TestContext()).getBatchItemFailures())
                .isEmpty();
    }
}
