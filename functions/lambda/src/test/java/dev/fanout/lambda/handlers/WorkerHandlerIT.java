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
    private static final String INPUT_NOT_FOUND = "dev.fanout.core.error.InputNotFoundException";

    private Pipeline pipeline;
    private WorkerHandler handler;

    @BeforeAll
    void start() throws Exception {
        pipeline = new Pipeline();
        handler = new WorkerHandler(pipeline.wiring());
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

    @Test
    void reportsOnlyTheFailedMessage_whenOneRecordOfTheBatchFails() {
        String jobId = newJobId();
        // line 1 is bytes [0,13), line 2 is [13,26)
        ObjectInfo input = putText("worker/batch.txt", "apple banana\napple cherry\n");
        Chunk first = chunk(jobId, input, 0, 2, 0, 13);
        Chunk second = chunk(jobId, input, 1, 2, 13, 26);
        Chunk gone = new Chunk(jobId, "wordcount", 0, 1, new ObjectLocation(TestEnv.INPUT_BUCKET, "worker/gone.txt"),
                0, 10, 10, "etag", null, Map.of());
        String queue = pipeline.createWorkQueue(3);
        pipeline.sendChunk(queue, "t-first", first);
        pipeline.sendChunk(queue, "t-gone", gone);
        pipeline.sendChunk(queue, "t-second", second);

        Poll poll = new EventSourceMapping(pipeline.sqsClient(), queue, handler).poll(3, new TestContext());

        assertThat(poll.failedMessageIds()).containsExactly(messageIdOf(poll, "t-gone"));
        assertThat(partialCounts(jobId, 0)).isEqualTo(Map.of("apple", 1L, "banana", 1L));
        assertThat(partialCounts(jobId, 1)).isEqualTo(Map.of("apple", 1L, "cherry", 1L));
        ChunkResult reported = Json.read(callFor("SendTaskSuccess", "t-first").body().path("output").asText(),
                ChunkResult.class);
        assertThat(reported.index()).isZero();
        assertThat(reported.records()).isEqualTo(1);
        assertThat(callFor("SendTaskSuccess", "t-second")).isNotNull();
        JsonNode failure = callFor("SendTaskFailure", "t-gone").body();
        assertThat(failure.path("error").asText()).isEqualTo(INPUT_NOT_FOUND);
        assertThat(failure.path("cause").asText()).contains("s3://" + TestEnv.INPUT_BUCKET + "/worker/gone.txt");
    }

    @Test
    void rewritesTheIdenticalPartial_andDeletesTheMessage_whenARedeliveredChunksTaskHasTimedOut() {
        String jobId = newJobId();
        ObjectInfo input = putText("worker/redelivered.txt", "one two two\nthree three three\n");
        String queue = pipeline.createWorkQueue(3);
        pipeline.sendChunk(queue, "t-redelivered", chunk(jobId, input, 0, 1, 0, input.size()));
        EventSourceMapping mapping = new EventSourceMapping(pipeline.sqsClient(), queue, handler);
        ObjectLocation partial = new ObjectLocation(TestEnv.WORK_BUCKET, Keys.partial(jobId, 0));

        Poll first = mapping.poll(1, new TestContext(), true);
        byte[] written = pipeline.read(partial);
        pipeline.sfn().failNext("SendTaskSuccess", 400, "TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
        Poll second = mapping.poll(1, new TestContext());

        assertThat(first.failedMessageIds()).isEmpty();
        assertThat(second.delivered().getFirst().getAttributes()).containsEntry("ApproximateReceiveCount", "2");
        assertThat(second.failedMessageIds()).as("a late SendTaskSuccess refusal fails nothing").isEmpty();
        assertThat(callCount("SendTaskSuccess", "t-redelivered")).isEqualTo(2);
        assertThat(pipeline.read(partial)).isEqualTo(written);
        assertThat(partialCounts(jobId, 0)).isEqualTo(Map.of("one", 1L, "two", 2L, "three", 3L));
        assertThat(mapping.receiveFrom(queue)).as("the message was deleted").isEmpty();
    }

    @Test
    void sendsTaskFailureNamingChunkAndRange_onlyOnTheLastReceive_thenTheMessageGoesToTheDlq() {
        String jobId = newJobId();
        ObjectInfo input = putText("worker/unreadable.txt", "a\nb\nc\nd\ne\nf\ng\nh\n");
        pipeline.store().failGets(TestEnv.INPUT_BUCKET, "worker/unreadable.txt", 1_000);
        String queue = pipeline.createWorkQueue(3);
        pipeline.sendChunk(queue, "t-last", chunk(jobId, input, 2, 4, 8, 12));
        EventSourceMapping mapping = new EventSourceMapping(pipeline.sqsClient(), queue, handler);

        try {
            Poll first = mapping.poll(1, new TestContext());
            Poll second = mapping.poll(1, new TestContext());
            assertThat(callCount("SendTaskFailure", "t-last")).as("no failure before the last receive").isZero();
            Poll third = mapping.poll(1, new TestContext());

            assertThat(List.of(first, second, third)).allSatisfy(p -> assertThat(p.failedMessageIds()).hasSize(1));
            JsonNode failure = callFor("SendTaskFailure", "t-last").body();
            assertThat(failure.path("error").asText()).isEqualTo(STORAGE_UNAVAILABLE);
            assertThat(failure.path("cause").asText())
                    .contains("chunk 2 of 4")
                    .contains("s3://" + TestEnv.INPUT_BUCKET + "/worker/unreadable.txt")
                    .contains("8");
            assertThat(callCount("SendTaskSuccess", "t-last")).isZero();
            assertThat(pipeline.exists(new ObjectLocation(TestEnv.WORK_BUCKET, Keys.failure(jobId, 2)))).isTrue();
            assertThat(pipeline.exists(new ObjectLocation(TestEnv.WORK_BUCKET, Keys.partial(jobId, 2)))).isFalse();
            assertThat(mapping.receiveFrom(queue)).as("gone from the work queue").isEmpty();
            assertThat(mapping.receiveFrom(pipeline.dlqUrl(queue))).singleElement()
                    .satisfies(m -> assertThat(m.body()).contains("t-last"));
        } finally {
            pipeline.store().failGets(TestEnv.INPUT_BUCKET, "worker/unreadable.txt", 0);
        }
    }

    @Test
    void sendsTaskFailureAtOnce_namingTheByteOffset_whenARowIsMalformed() {
        String jobId = newJobId();
        String header = "city,amount\n";
        String good = "Oslo,10\n";
        String bad = "Bergen,ten\n";
        ObjectInfo input = putText("worker/sales.csv", header + good + bad);
        long badOffset = header.length() + good.length();
        Chunk chunk = new Chunk(jobId, "csv-aggregate", 0, 1, input.location(), header.length(), input.size(),
                input.size(), input.etag(), "city,amount", Map.of("group-by", "city", "value", "amount"));
        String queue = pipeline.createWorkQueue(3);
        pipeline.sendChunk(queue, "t-malformed", chunk);

        Poll poll = new EventSourceMapping(pipeline.sqsClient(), queue, handler).poll(1, new TestContext());

        assertThat(poll.failedMessageIds()).hasSize(1);
        JsonNode failure = callFor("SendTaskFailure", "t-malformed").body();
        assertThat(failure.path("error").asText()).isEqualTo("dev.fanout.core.error.MalformedRecordException");
        assertThat(failure.path("cause").asText())
                .contains("chunk 0 of 1")
                .contains("byte offset " + badOffset)
                .as("no record contents").doesNotContain("Bergen");
    }

    @Test
    void leavesAnUnparseableMessageForTheDlq_withoutCallingStepFunctions() {
        String queue = pipeline.createWorkQueue(3);
        pipeline.sendBody(queue, "this is not a work message");
        int callsBefore = pipeline.sfn().calls().size();

        Poll poll = new EventSourceMapping(pipeline.sqsClient(), queue, handler).poll(1, new TestContext());

        assertThat(poll.failedMessageIds()).containsExactly(poll.delivered().getFirst().getMessageId());
        assertThat(pipeline.sfn().calls()).hasSize(callsBefore);
    }

    @Test
    void answersAnEmptyBatchWithNoFailures() {
        assertThat(handler.handleRequest(new SQSEvent(), new TestContext()).getBatchItemFailures()).isEmpty();
    }
}
