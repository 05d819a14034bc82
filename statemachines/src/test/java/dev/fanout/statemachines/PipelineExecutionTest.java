package dev.fanout.statemachines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.AslEngine;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.HistoryEvent;
import dev.fanout.asl.TaskTokenException;
import dev.fanout.asl.port.Integrations;
import dev.fanout.asl.port.LambdaInvoker;
import dev.fanout.asl.port.LambdaResponse;
import dev.fanout.asl.port.ObjectStore;
import dev.fanout.asl.port.SqsSender;
import dev.fanout.asl.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs pipeline.asl.json on the project's ASL engine, with the splitter, reducer, work queue and manifest replaced
 * by test doubles behind the engine's ports, and the engine's manual clock for heartbeats and retry intervals.
 */
class PipelineExecutionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long to wait on the wall clock for the engine's threads (only a failing test waits it out). */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SPLITTER = "arn:aws:lambda:us-east-1:123456789012:function:splitter:live";
    private static final String REDUCER = "arn:aws:lambda:us-east-1:123456789012:function:reducer:live";
    private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/work";
    private static final String SM_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:pipeline";
    private static final String JOB = "job-1";
    private static final int HEARTBEAT = 60;

    private final ManualClock clock = new ManualClock();
    private final Lambdas lambdas = new Lambdas();
    private final Queue queue = new Queue();
    private final Store store = new Store();
    private final AslEngine engine = AslEngine.builder()
            .clock(clock)
            .integrations(Integrations.none().withLambda(lambdas).withSqs(queue).withS3(store))
            .build();

    @AfterEach
    void close() {
        engine.close();
    }

    // --- the pipeline's functions, as the contract describes them ---

    private static ObjectNode request() {
        ObjectNode r = JSON.createObjectNode();
        r.put("jobId", JOB).put("jobType", "wordcount");
        r.putObject("input").put("bucket", "in").put("key", "words.txt");
        r.put("chunkSizeBytes", 100).putNull("chunkSizeItems").putNull("maxConcurrency");
        r.put("toleratedFailurePercentage", 0.0).putObject("options");
        return r;
    }

    private static ObjectNode plan(int chunks) {
        return plan(chunks, 0.0);
    }

    private static ObjectNode plan(int chunks, double toleratedFailurePercentage) {
        ObjectNode p = JSON.createObjectNode();
        p.put("jobId", JOB).put("jobType", "wordcount");
        p.putObject("input").put("bucket", "in").put("key", "words.txt");
        p.putObject("manifest").put("bucket", "work").put("key", "jobs/" + JOB + "/manifest.json");
        p.put("chunks", chunks).put("bytes", chunks * 100L).put("maxConcurrency", 10)
                .put("toleratedFailurePercentage", toleratedFailurePercentage).put("heartbeatSeconds", HEARTBEAT)
                .put("splitStartedAt", 1L).put("splitEndedAt", 2L);
        return p;
    }

    private static ArrayNode manifest(int chunks) {
        ArrayNode items = JSON.createArrayNode();
        for (int i = 0; i < chunks; i++) {
            ObjectNode c = items.addObject();
            c.put("jobId", JOB).put("jobType", "wordcount").put("index", i).put("total", chunks);
            c.putObject("input").put("bucket", "in").put("key", "words.txt");
            c.put("start", i * 100L).put("end", (i + 1) * 100L).put("objectSize", chunks * 100L).put("etag", "e1");
        }
        return items;
    }

    private static final ObjectNode RESULT = JSON.createObjectNode()
            .put("resultUri", "s3://results/results/job-1/result.json")
            .put("summaryUri", "s3://results/results/job-1/summary.json")
            .put("chunks", 3).put("records", 30).put("bytes", 300);

    private void deployPipeline(int chunks) {
        deployPipeline(chunks, 0.0);
    }

    private void deployPipeline(int chunks, double toleratedFailurePercentage) {
        store.put("work", "jobs/" + JOB + "/manifest.json", manifest(chunks).toString().getBytes(StandardCharsets.UTF_8));
        lambdas.on(SPLITTER, payload -> LambdaResponse.ok(plan(chunks, toleratedFailurePercentage).toString()));
        lambdas.on(REDUCER, payload -> switch (payload.get("action").asText()) {
            case "reduce" -> LambdaResponse.ok(RESULT.toString());
            case "reportFailure" -> LambdaResponse.ok(JSON.createObjectNode()
                    .put("error", payload.get("error").asText())
                    .put("cause", "precise: " + payload.get("cause").asText()).toString());
            default -> throw new AssertionError("unknown action " + payload);
        });
    }

    private Execution start() {
        String definition = StateMachineDefinitions.render(Map.of(Placeholders.SplitterFunctionArn, SPLITTER,
                Placeholders.ReducerFunctionArn, REDUCER, Placeholders.WorkQueueUrl, QUEUE));
        return engine.start(engine.parse(definition), SM_ARN, JOB, request().toString());
    }

    private static String chunkResult(int index) {
        return "{\"index\":" + index + ",\"partial\":{\"bucket\":\"work\",\"key\":\"jobs/job-1/partials/00000" + index
                + "\"},\"records\":10,\"skippedRecords\":0,\"bytes\":100,\"durationMillis\":5,\"receiveCount\":1}";
    }

    // --- tests ---

    @Test
    void happyPath_everyChunkIsQueuedWithItsToken_andTheReducerResultIsTheOutput() throws Exception {
        deployPipeline(3);
        Execution ex = start();

        List<JsonNode> messages = List.of(queue.take(), queue.take(), queue.take());
        for (JsonNode m : messages) {
            assertThat(m.get("QueueUrl").asText()).isEqualTo(QUEUE);
            JsonNode body = m.get("MessageBody");
            assertThat(body.get("taskToken").asText()).isNotBlank();
            engine.sendTaskSuccess(body.get("taskToken").asText(), chunkResult(body.at("/chunk/index").asInt()));
        }

        assertThat(ex.await(WAIT)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(ex.output().orElseThrow())).isEqualTo(norm(RESULT));
        assertThat(messages).extracting(m -> m.at("/MessageBody/chunk"))
                .containsExactlyInAnyOrderElementsOf(norm(manifest(3)));
        assertThat(lambdas.payloads(SPLITTER)).containsExactly(norm(request()));
        JsonNode reduce = lambdas.payloads(REDUCER).get(0);
        assertThat(reduce.get("action").asText()).isEqualTo("reduce");
        assertThat(reduce.get("plan")).isEqualTo(norm(plan(3)));
    }

    /** A plan with a combine level: one combine task per group, in any order, then the reduce; small fields only. */
    @Test
    void aPlanWithACombineLevel_combinesEveryGroupOnce_thenReduces() throws Exception {
        deployPipeline(5);
        ObjectNode combinePlan = plan(5);
        combinePlan.putObject("combine").put("groups", 3).put("groupSize", 2);
        lambdas.on(SPLITTER, payload -> LambdaResponse.ok(combinePlan.toString()));
        lambdas.on(REDUCER, payload -> switch (payload.get("action").asText()) {
            case "combine" -> LambdaResponse.ok(JSON.createObjectNode().put("group", payload.get("group").asInt())
                    .put("chunks", 2).put("missingChunks", 0).put("combinedUri", "s3://work/x").toString());
            case "reduce" -> LambdaResponse.ok(RESULT.toString());
            default -> throw new AssertionError("unknown action " + payload);
        });
        Execution ex = start();
        for (int i = 0; i < 5; i++) {
            JsonNode body = queue.take().get("MessageBody");
            engine.sendTaskSuccess(body.get("taskToken").asText(), chunkResult(body.at("/chunk/index").asInt()));
        }

        assertThat(ex.await(WAIT)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(JSON.readTree(ex.output().orElseThrow())).isEqualTo(norm(RESULT));
        List<JsonNode> calls = lambdas.payloads(REDUCER);
        assertThat(calls).hasSize(4);
        assertThat(calls.subList(0, 3)).allSatisfy(c -> {
            assertThat(c.get("action").asText()).isEqualTo("combine");
            assertThat(c.get("plan")).isEqualTo(norm(combinePlan));
            assertThat(c.fieldNames()).toIterable().containsExactlyInAnyOrder("action", "group", "plan");
        }).extracting(c -> c.get("group").asInt()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(calls.get(3).get("action").asText()).isEqualTo("reduce");
        assertThat(calls.get(3).get("plan")).isEqualTo(norm(combinePlan));
        // after a combine level the final reduce learns the failed chunks from the Map's results, as the direct one
        assertThat(calls.get(3).at("/mapResult/results/key").asText()).startsWith("jobs/" + JOB + "/map-results/")
                .endsWith("/manifest.json");
    }

    /**
     * Nothing catches a failed combine task: the job fails at CombineGroups with the task's error and cause (the
     * reducer writes the failure report on the execution's status change), without the reduce; a redrive "reschedules
     * and redrives only the iterations ... that failed" of an inline Map
     * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_RedriveExecution.html), then reduces.
     */
    @Test
    void aCombineTaskThatFails_failsTheJobAtCombineGroups_andARedriveRunsOnlyThatGroupAgain() throws Exception {
        deployPipeline(4);
        ObjectNode combinePlan = plan(4);
        combinePlan.putObject("combine").put("groups", 2).put("groupSize", 2);
        lambdas.on(SPLITTER, payload -> LambdaResponse.ok(combinePlan.toString()));
        AtomicInteger group1Calls = new AtomicInteger();
        lambdas.on(REDUCER, payload -> switch (payload.get("action").asText()) {
            case "combine" -> payload.get("group").asInt() == 1 && group1Calls.incrementAndGet() == 1
                    ? javaError("java.lang.IllegalArgumentException", "the partial of chunk 3 cannot be decoded")
                    : LambdaResponse.ok("{\"group\":" + payload.get("group").asInt() + "}");
            case "reduce" -> LambdaResponse.ok(RESULT.toString());
            default -> throw new AssertionError("unexpected " + payload);
        });
        Execution ex = start();
        for (int i = 0; i < 4; i++) {
            JsonNode body = queue.take().get("MessageBody");
            engine.sendTaskSuccess(body.get("taskToken").asText(), chunkResult(body.at("/chunk/index").asInt()));
        }

        assertThat(ex.await(WAIT)).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.error()).contains("java.lang.IllegalArgumentException");
        assertThat(ex.cause()).hasValueSatisfying(c -> assertThat(c).contains("chunk 3 cannot be decoded"));
        assertThat(lambdas.payloads(REDUCER)).extracting(c -> c.get("action").asText()).doesNotContain("reduce");

        ex.redrive();

        assertThat(ex.await(WAIT)).isEqualTo(ExecutionStatus.SUCCEEDED);
        List<JsonNode> calls = lambdas.payloads(REDUCER);
        assertThat(calls).extracting(c -> c.get("action").asText() + c.path("group").asText(""))
                .as("group 0 once, group 1 twice (the redrive), then the reduce")
                .containsExactlyInAnyOrder("combine0", "combine1", "combine1", "reduce");
        assertThat(calls.get(calls.size() - 1).get("action").asText()).isEqualTo("reduce");
    }

    @Test
    void stateBetweenStatesHoldsOnlyThePlan_andChildResultsGoToTheWorkBucket() throws Exception {
        deployPipeline(3);
        Execution ex = start();
        for (int i = 0; i < 3; i++) {
            engine.sendTaskSuccess(queue.take().at("/MessageBody/taskToken").asText(), chunkResult(i));
        }
        assertThat(ex.await(WAIT)).isEqualTo(ExecutionStatus.SUCCEEDED);

        JsonNode afterMap = JSON.readTree(stateExitedOutput(ex, "ProcessChunks"));
        String mapRunArn = ex.mapRuns().get(0).arn();
        String results = "jobs/" + JOB + "/map-results/" + mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
        ObjectNode expected = JSON.createObjectNode().put("jobId", JOB);
        expected.set("plan", plan(3));
        ObjectNode mapResult = expected.putObject("mapResult").put("mapRunArn", mapRunArn);
        mapResult.putObject("results").put("bucket", "work").put("key", results + "/manifest.json");
        assertThat(afterMap).isEqualTo(norm(expected));
        assertThat(store.get("work", results + "/manifest.json")).as("the Map's results, written to S3").isPresent();
        assertThat(lambdas.payloads(REDUCER).get(0).get("mapResult")).isEqualTo(norm(mapResult));
    }

    @Test
    void aChunkThatFails_failsTheJobAtTheMap_andARedriveRunsOnlyThatChunkAgain() throws Exception {
        deployPipeline(2);
        Execution ex = start();
        Map<Integer, String> tokens = new java.util.TreeMap<>();
        for (int i = 0; i < 2; i++) {
            JsonNode m = queue.take();
            tokens.put(m.at("/MessageBody/chunk/index").asInt(), m.at("/MessageBody/taskToken").asText());
        }

        engine.sendTaskSuccess(tokens.get(0), chunkResult(0));
        engine.sendTaskFailure(tokens.get(1), "dev.fanout.core.error.StorageUnavailableException",
                "chunk 1 of 2 (s3://in/words.txt, bytes 100-200): S3 503 Slow Down");

        // tolerated failure 0 %: the Map Run fails as a whole, and nothing catches it
        assertThat(ex.await(WAIT)).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.error()).contains("States.ExceedToleratedFailureThreshold");
        assertThat(lambdas.payloads(REDUCER)).isEmpty();
        assertThat(ex.history()).extracting(HistoryEvent::type).contains("MapRunFailed");

        ex.redrive();
        JsonNode again = queue.take();
        assertThat(again.at("/MessageBody/chunk/index").asInt()).isEqualTo(1);
        engine.sendTaskSuccess(again.at("/MessageBody/taskToken").asText(), chunkResult(1));

        assertThat(ex.await(WAIT)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(queue.sent).as("one message per chunk, and one for the redriven chunk").hasSize(3);
        assertThat(lambdas.payloads(REDUCER)).singleElement()
                .satisfies(p -> assertThat(p.get("action").asText()).isEqualTo("reduce"));
    }

    @Test
    void aSplitterErrorFailsTheJobAtTheSplit_withItsClassNameAndMessage() throws Exception {
        deployPipeline(1);
        lambdas.on(SPLITTER, payload -> javaError("dev.fanout.core.error.InputNotFoundException",
                "s3://in/words.txt does not exist"));

        Execution ex = start();

        assertThat(ex.await(WAIT)).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.error()).contains("dev.fanout.core.error.InputNotFoundException");
        assertThat(ex.cause()).hasValueSatisfying(c -> assertThat(c).contains("s3://in/words.txt does not exist"));
        assertThat(lambdas.payloads(SPLITTER)).hasSize(1);
        assertThat(lambdas.payloads(REDUCER)).isEmpty();
    }

    @Test
    void aHeartbeatTimeoutRequeuesTheChunkWithANewToken_andTheLateAnswerIsRejected() throws Exception {
        deployPipeline(1);
        Execution ex = start();
        JsonNode first = queue.take();
        String staleToken = first.at("/MessageBody/taskToken").asText();

        JsonNode second = expireHeartbeatAndTakeRetry(ex);

        assertThat(second.at("/MessageBody/chunk")).isEqualTo(first.at("/MessageBody/chunk"));
        String freshToken = second.at("/MessageBody/taskToken").asText();
        assertThat(freshToken).isNotEqualTo(staleToken);
        assertThatThrownBy(() -> engine.sendTaskSuccess(staleToken, chunkResult(0)))
                .isInstanceOfSatisfying(TaskTokenException.class, e -> assertThat(e.code()).isEqualTo("TaskTimedOut"));
        engine.sendTaskSuccess(freshToken, chunkResult(0));
        assertThat(ex.await(WAIT)).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aChildThatTimesOutOnEveryAttempt_failsTheJobAfterTwoRetries() throws Exception {
        deployPipeline(1);
        Execution ex = start();
        queue.take();
        expireHeartbeatAndTakeRetry(ex);
        expireHeartbeatAndTakeRetry(ex);
        expireHeartbeat();

        assertThat(ex.await(WAIT)).isEqualTo(ExecutionStatus.FAILED);
        assertThat(queue.sent).hasSize(3);
        assertThat(ex.error()).contains("States.ExceedToleratedFailureThreshold");
        assertThat(queue.poll()).isEmpty();
    }

    /** A silent worker within the tolerance: the job goes on to the reducer, which learns the chunk from S3. */
    @Test
    void aChildThatTimesOutWithinTheTolerance_isNamedInTheMapResultsTheReducerGets() throws Exception {
        deployPipeline(4, 25.0);
        Execution ex = start();
        int silent = -1;
        for (int i = 0; i < 4; i++) {
            JsonNode m = queue.take();
            int index = m.at("/MessageBody/chunk/index").asInt();
            if (index == 2) {
                silent = index;
            } else {
                engine.sendTaskSuccess(m.at("/MessageBody/taskToken").asText(), chunkResult(index));
            }
        }
        assertThat(silent).isEqualTo(2);
        expireHeartbeatAndTakeRetry(ex);
        expireHeartbeatAndTakeRetry(ex);
        expireHeartbeat();

        assertThat(ex.await(WAIT)).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode reduce = lambdas.payloads(REDUCER).get(0);
        assertThat(reduce.get("action").asText()).isEqualTo("reduce");
        JsonNode results = reduce.get("mapResult").get("results");
        JsonNode manifest = JSON.readTree(store.get(results.get("bucket").asText(), results.get("key").asText())
                .orElseThrow());
        String failedKey = manifest.at("/ResultFiles/FAILED/0/Key").asText();
        JsonNode failed = JSON.readTree(store.get("work", failedKey).orElseThrow());
        assertThat(failed).singleElement().satisfies(child -> {
            assertThat(child.get("Error").asText()).isEqualTo("States.HeartbeatTimeout");
            assertThat(JSON.readTree(child.get("Input").asText()).at("/chunk/index").asInt()).isEqualTo(2);
        });
    }

    @Test
    void transientLambdaErrorsAreRetried() throws Exception {
        deployPipeline(1);
        AtomicInteger splitCalls = new AtomicInteger();
        lambdas.on(SPLITTER, payload -> {
            if (splitCalls.incrementAndGet() == 1) {
                throw new TooManyRequestsException("Rate exceeded");
            }
            return LambdaResponse.ok(plan(1).toString());
        });
        AtomicInteger reduceCalls = new AtomicInteger();
        lambdas.on(REDUCER, payload -> reduceCalls.incrementAndGet() == 1
                ? javaError("dev.fanout.core.error.StorageUnavailableException", "S3 503 Slow Down")
                : LambdaResponse.ok(RESULT.toString()));
        Execution ex = start();

        JsonNode message = passRetryWaitsUntil(ex, queue::poll);
        engine.sendTaskSuccess(message.at("/MessageBody/taskToken").asText(), chunkResult(0));
        passRetryWaitsUntil(ex, () -> ex.status() == ExecutionStatus.RUNNING ? Optional.empty() : Optional.of(true));

        assertThat(ex.await(WAIT)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(splitCalls).hasValue(2);
        assertThat(reduceCalls).hasValue(2);
    }

    // --- driving the manual clock ---

    /** Retry intervals here stay below this (MaxDelaySeconds 30); a wait for a heartbeat is longer. */
    private static final Duration RETRY_WAITS = Duration.ofSeconds(30);

    /**
     * Lets the waiting task's heartbeat run out. The clock stands still between sending a message and this call,
     * so the deadline is exactly HeartbeatSeconds from now.
     */
    private void expireHeartbeat() throws InterruptedException {
        Instant deadline = clock.now().plusSeconds(HEARTBEAT);
        long end = System.nanoTime() + WAIT.toNanos();
        while (!clock.nextDeadline().equals(Optional.of(deadline))) {
            assertThat(System.nanoTime()).as("a task waits for its heartbeat until " + deadline).isLessThan(end);
            clock.awaitWaiters(clock.waiters() + 1, Duration.ofMillis(5));
        }
        clock.advance(Duration.between(clock.now(), deadline));
    }

    private JsonNode expireHeartbeatAndTakeRetry(Execution ex) throws InterruptedException {
        expireHeartbeat();
        return passRetryWaitsUntil(ex, queue::poll);
    }

    /**
     * Moves the clock through retry intervals (never as far as a heartbeat deadline) until {@code result} has a
     * value.
     */
    private <T> T passRetryWaitsUntil(Execution ex, Supplier<Optional<T>> result) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            Optional<T> value = result.get();
            if (value.isPresent()) {
                return value.get();
            }
            Instant limit = clock.now().plus(RETRY_WAITS);
            Optional<Instant> next = clock.nextDeadline().filter(d -> !d.isAfter(limit));
            if (next.isPresent()) {
                clock.advance(Duration.between(clock.now(), next.get()));
            } else {
                ex.await(Duration.ofMillis(5));
            }
        }
        throw new AssertionError("nothing happened; execution " + ex.status() + " " + ex.error());
    }

    private static JsonNode norm(JsonNode node) {
        try {
            return JSON.readTree(node.toString());
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String stateExitedOutput(Execution ex, String state) {
        for (HistoryEvent e : ex.history()) {
            if (e.type().endsWith("StateExited") && e.details() != null
                    && state.equals(e.details().path("name").asText())) {
                return e.details().get("output").asText();
            }
        }
        throw new AssertionError("no exit of " + state + " in " + ex.history());
    }

    private static LambdaResponse javaError(String type, String message) {
        ObjectNode error = JSON.createObjectNode().put("errorMessage", message).put("errorType", type);
        error.putArray("stackTrace").add("Handler.handleRequest(Handler.java:1)");
        return new LambdaResponse(error.toString(), "Unhandled");
    }

    // --- test doubles behind the engine's ports ---

    /** Named after the SDK exception, which the engine reports as Lambda.TooManyRequestsException. */
    static final class TooManyRequestsException extends RuntimeException {
        TooManyRequestsException(String message) {
            super(message);
        }
    }

    private static final class Lambdas implements LambdaInvoker {
        private final Map<String, Function<JsonNode, LambdaResponse>> functions = new ConcurrentHashMap<>();
        private final List<Map.Entry<String, JsonNode>> calls = new CopyOnWriteArrayList<>();

        void on(String arn, Function<JsonNode, LambdaResponse> body) {
            functions.put(arn, body);
        }

        List<JsonNode> payloads(String arn) {
            List<JsonNode> out = new ArrayList<>();
            calls.stream().filter(c -> c.getKey().equals(arn)).forEach(c -> out.add(c.getValue()));
            return out;
        }

        @Override
        public LambdaResponse invoke(String functionName, String payloadJson) {
            JsonNode payload;
            try {
                payload = JSON.readTree(payloadJson);
            } catch (Exception e) {
                throw new AssertionError("payload is not JSON: " + payloadJson, e);
            }
            calls.add(Map.entry(functionName, payload));
            Function<JsonNode, LambdaResponse> f = functions.get(functionName);
            if (f == null) {
                throw new AssertionError("no function " + functionName);
            }
            return f.apply(payload);
        }
    }

    private static final class Queue implements SqsSender {
        final List<ObjectNode> sent = new CopyOnWriteArrayList<>();
        private final BlockingQueue<ObjectNode> pending = new LinkedBlockingQueue<>();

        @Override
        public ObjectNode sendMessage(ObjectNode parameters) {
            sent.add(parameters.deepCopy());
            pending.add(parameters.deepCopy());
            return JsonNodeFactory.instance.objectNode().put("MessageId", "m-" + sent.size())
                    .put("MD5OfMessageBody", "0");
        }

        JsonNode take() throws InterruptedException {
            ObjectNode m = pending.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no work message was sent");
            }
            return m;
        }

        Optional<JsonNode> poll() {
            return Optional.ofNullable(pending.poll());
        }
    }

    private static final class Store implements ObjectStore {
        private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

        @Override
        public Optional<byte[]> get(String bucket, String key) {
            return Optional.ofNullable(objects.get(bucket + "/" + key));
        }

        @Override
        public void put(String bucket, String key, byte[] body) {
            objects.put(bucket + "/" + key, body);
        }
    }
}
