package dev.fanout.asl;

import static dev.fanout.asl.Harness.json;
import static dev.fanout.asl.Harness.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.port.Integrations;
import dev.fanout.asl.port.SqsSender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskTokenTest {
    private final FakeSqs sqs = new FakeSqs();
    private final Harness h = new Harness(Integrations.none().withSqs(sqs));

    @AfterEach
    void close() {
        h.close();
    }

    private static String callback(String extra) {
        return "{'StartAt':'Send','States':{'Send':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',"
                + "'Parameters':{'QueueUrl':'https://sqs/q','MessageBody':{'token.$':'$$.Task.Token','job.$':'$.job'}}"
                + extra + ",'End':true}}}";
    }

    private String token() throws InterruptedException {
        return sqs.take().get("MessageBody").get("token").asText();
    }

    @Test
    void sendTaskSuccessOutputBecomesTheTaskResult() throws Exception {
        Execution ex = h.start(callback(",'ResultPath':'$.answer'"), "{'job':'j1'}");
        String token = token();

        h.engine.sendTaskSuccess(token, "{\"done\":true}");

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(output(ex)).isEqualTo(json("{'job':'j1','answer':{'done':true}}"));
        assertThat(Harness.types(ex)).containsSubsequence("TaskScheduled", "TaskStarted", "TaskSubmitted",
                "TaskSucceeded", "TaskStateExited");
    }

    @Test
    void sendTaskFailureErrorAndCauseBecomeTheTasksError() throws Exception {
        Execution ex = h.start(callback(""), "{'job':'j1'}");

        h.engine.sendTaskFailure(token(), "ChunkFailed", "line 3 is not a number");

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.error()).contains("ChunkFailed");
        assertThat(ex.cause()).contains("line 3 is not a number");
    }

    @Test
    void answeringAnEndedTaskIsTaskTimedOut() throws Exception {
        Execution ex = h.start(callback(""), "{'job':'j1'}");
        String token = token();
        h.engine.sendTaskSuccess(token, "{}");
        Harness.finish(ex);

        assertThatThrownBy(() -> h.engine.sendTaskSuccess(token, "{}"))
                .isInstanceOfSatisfying(TaskTokenException.class, e -> assertThat(e.code()).isEqualTo("TaskTimedOut"));
        assertThatThrownBy(() -> h.engine.sendTaskHeartbeat(token))
                .isInstanceOfSatisfying(TaskTokenException.class, e -> assertThat(e.code()).isEqualTo("TaskTimedOut"));
    }

    @Test
    void malformedTokenIsInvalidToken() {
        assertThatThrownBy(() -> h.engine.sendTaskSuccess("not-a-token", "{}"))
                .isInstanceOfSatisfying(TaskTokenException.class, e -> assertThat(e.code()).isEqualTo("InvalidToken"));
    }

    @Test
    void invalidJsonOutputIsRefusedAndTheTaskKeepsWaiting() throws Exception {
        Execution ex = h.start(callback(""), "{'job':'j1'}");
        String token = token();

        assertThatThrownBy(() -> h.engine.sendTaskSuccess(token, "{not json"))
                .isInstanceOfSatisfying(TaskTokenException.class, e -> assertThat(e.code()).isEqualTo("InvalidOutput"));
        h.engine.sendTaskSuccess(token, "1");
        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void heartbeatTimeoutFailsTheTask_andHeartbeatsResetTheClock() throws Exception {
        Execution ex = h.start(callback(",'HeartbeatSeconds':10"), "{'job':'j1'}");
        String token = token();
        assertThat(h.clock.awaitWaiters(1, Duration.ofSeconds(5))).isTrue();

        h.clock.advance(Duration.ofSeconds(8));
        h.engine.sendTaskHeartbeat(token);
        h.clock.advance(Duration.ofSeconds(8));
        assertThat(ex.await(Duration.ofMillis(50))).as("16 s in, but 8 s since the heartbeat")
                .isEqualTo(ExecutionStatus.RUNNING);
        h.clock.advance(Duration.ofSeconds(2));

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.error()).contains("States.HeartbeatTimeout");
        assertThat(Harness.types(ex)).contains("TaskTimedOut");
        assertThatThrownBy(() -> h.engine.sendTaskSuccess(token, "{}"))
                .isInstanceOfSatisfying(TaskTokenException.class, e -> assertThat(e.code()).isEqualTo("TaskTimedOut"));
    }

    /**
     * The heartbeat clock runs from the task's start: the worker holds the token as soon as the message is on the
     * queue, before SendMessage has returned to Step Functions, so time spent in that call counts.
     */
    @Test
    void theHeartbeatClockStartsWithTheTask_notWhenTheSendCallReturns() throws Exception {
        AtomicReference<Harness> slow = new AtomicReference<>();
        SqsSender slowSend = parameters -> {
            ObjectNode response = sqs.sendMessage(parameters);
            slow.get().clock.advance(Duration.ofSeconds(8)); // the call returns 8 s after the message was queued
            return response;
        };
        try (Harness slowHarness = new Harness(Integrations.none().withSqs(slowSend))) {
            slow.set(slowHarness);
            Execution ex = slowHarness.start(callback(",'HeartbeatSeconds':10"), "{'job':'j1'}");
            token();
            assertThat(slowHarness.clock.awaitWaiters(1, Duration.ofSeconds(5))).isTrue();

            slowHarness.clock.advance(Duration.ofSeconds(2));

            assertThat(Harness.finish(ex)).as("10 s after the task started").isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.error()).contains("States.HeartbeatTimeout");
            assertThat(Duration.between(ex.startDate(), ex.stopDate().orElseThrow()))
                    .isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void timeoutSecondsFailsWithStatesTimeout_whichStatesTimeoutCatches() throws Exception {
        String def = "{'StartAt':'Send','States':{'Send':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken','TimeoutSeconds':60,"
                + "'Parameters':{'QueueUrl':'q','MessageBody':{'t.$':'$$.Task.Token'}},"
                + "'Catch':[{'ErrorEquals':['States.Timeout'],'Next':'Late'}],'End':true},"
                + "'Late':{'Type':'Pass','End':true}}}";
        Execution ex = h.start(def, "{}");
        sqs.take();

        h.drive(ex);

        assertThat(output(ex).get("Error").asText()).isEqualTo("States.Timeout");
        assertThat(Duration.between(ex.startDate(), ex.stopDate().orElseThrow())).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void heartbeatTimeoutIsCaughtByStatesTimeoutToo() throws Exception {
        String def = "{'StartAt':'Send','States':{'Send':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken','HeartbeatSeconds':5,"
                + "'Parameters':{'QueueUrl':'q','MessageBody':{'t.$':'$$.Task.Token'}},"
                + "'Retry':[{'ErrorEquals':['States.Timeout'],'MaxAttempts':1}],'End':true}}}";
        Execution ex = h.start(def, "{}");
        String first = sqs.take().get("MessageBody").get("t").asText();
        var start = h.clock.now();
        h.advanceWhenWaitingFor(start.plusSeconds(5));
        h.advanceWhenWaitingFor(start.plusSeconds(6)); // the retry interval (1 s by default)
        String second = sqs.take().get("MessageBody").get("t").asText();

        assertThat(second).as("a retry gets a new token").isNotEqualTo(first);
        h.engine.sendTaskSuccess(second, "{\"ok\":1}");
        Harness.finish(ex);
        assertThat(output(ex).get("ok").asInt()).isEqualTo(1);
    }

    @Test
    void stopExecutionAbortsAWaitingTask_andItsTokenTimesOut() throws Exception {
        Execution ex = h.start(callback(""), "{'job':'j1'}");
        String token = token();

        ex.stop("Operator", "no longer needed");

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(ex.error()).contains("Operator");
        assertThat(Harness.types(ex)).last().isEqualTo("ExecutionAborted");
        // the task ends shortly after the stop; answers are refused from then on
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Throwable refused = null;
        while (refused == null && System.nanoTime() < end) {
            try {
                h.engine.sendTaskHeartbeat(token);
                Thread.onSpinWait();
            } catch (TaskTokenException e) {
                refused = e;
            }
        }
        assertThat(refused).isInstanceOfSatisfying(TaskTokenException.class,
                e -> assertThat(e.code()).isEqualTo("TaskTimedOut"));
    }

    @Test
    void requestResponseSendMessageReturnsTheSqsResponse() throws Exception {
        Execution ex = h.run("{'StartAt':'Send','States':{'Send':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::sqs:sendMessage','Parameters':{'QueueUrl':'q','MessageBody.$':'$'},"
                + "'End':true}}}", "{'x':1}");

        assertThat(output(ex).get("MessageId").asText()).isEqualTo("m-1");
        assertThat(sqs.sent.get(0).get("MessageBody")).isEqualTo(json("{'x':1}"));
    }

    @Test
    void callbacksInDistributedMapChildren_andStopAbortsTheMapRun() throws Exception {
        Execution ex = h.start("{'StartAt':'M','States':{'M':{'Type':'Map','End':true,'ItemProcessor':{"
                + "'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},'StartAt':'Send','States':{"
                + "'Send':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',"
                + "'Parameters':{'QueueUrl':'q','MessageBody':{'t.$':'$$.Task.Token','item.$':'$'}},'End':true}}}}}}",
                "[1,2,3]");
        var first = sqs.take();
        sqs.take();
        sqs.take();
        h.engine.sendTaskSuccess(first.get("MessageBody").get("t").asText(), "\"done\"");
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ex.mapRuns().isEmpty() || ex.mapRuns().get(0).itemCounts().succeeded() < 1) {
            assertThat(System.nanoTime()).as("one child succeeded").isLessThan(end);
            Thread.onSpinWait();
        }
        MapRun run = ex.mapRuns().get(0);
        assertThat(run.itemCounts().running()).isEqualTo(2);

        ex.stop(null, null);

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.ABORTED);
        while (run.status() == MapRunStatus.RUNNING) {
            assertThat(System.nanoTime()).as("the map run ends").isLessThan(end);
            Thread.onSpinWait();
        }
        assertThat(run.status()).isEqualTo(MapRunStatus.ABORTED);
    }
}
