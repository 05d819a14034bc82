package dev.fanout.asl;

import static dev.fanout.asl.Harness.json;
import static dev.fanout.asl.Harness.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.port.Integrations;
import dev.fanout.asl.port.LambdaResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** RedriveExecution in the engine: AWS's "Restarting state machine executions with redrive". */
class RedriveTest {
    /** Functions that fail while their name (or "name:payload") is in this set. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();
    private final FakeSqs sqs = new FakeSqs();
    private final FakeLambda lambda = new FakeLambda()
            .function("Prepare", p -> call("Prepare", p))
            .function("Work", p -> call("Work", p))
            .function("Big", p -> {
                call("Big", p);
                return LambdaResponse.ok("\"" + "x".repeat(150_000) + "\"");
            });
    private final Harness h = new Harness(Integrations.none().withLambda(lambda).withSqs(sqs));

    private LambdaResponse call(String function, String payload) {
        String key = function + ":" + payload;
        calls.merge(key, 1, Integer::sum);
        calls.merge(function, 1, Integer::sum);
        if (failing.contains(function) || failing.contains(key)) {
            return FakeLambda.javaError(IllegalStateException.class, function + " failed on " + payload);
        }
        return LambdaResponse.ok("{\"by\":\"" + function + "\",\"in\":" + payload + "}");
    }

    private int calls(String key) {
        return calls.getOrDefault(key, 0);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private static String task(String name, String function, String next) {
        return "'" + name + "':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Parameters':{'FunctionName':'" + function + "','Payload.$':'$'},'ResultSelector':{'r.$':'$.Payload'},"
                + (next == null ? "'End':true}" : "'Next':'" + next + "'}");
    }

    /** Prepare (assigns a variable) → Work → Report (reads the variable and the redrive count). */
    private static final String PIPELINE = "{'StartAt':'Prepare','States':{"
            + task("Prepare", "Prepare", "Work").replace("'Next':'Work'", "'Assign':{'job.$':'$.r.in.job'},'Next':'Work'")
            + "," + task("Work", "Work", "Report") + ","
            + "'Report':{'Type':'Pass','Parameters':{'job.$':'$job','redrives.$':'$$.Execution.RedriveCount',"
            + "'redriveTime.$':'$$.Execution.RedriveTime','work.$':'$.r.by'},'End':true}}}";

    @Nested
    class AFailedExecution {
        @Test
        void resumesAtTheStateThatFailed_withoutRerunningEarlierStates() throws Exception {
            failing.add("Work");
            Execution ex = h.run(PIPELINE, "{'job':'j-1'}");
            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.redriveStatus()).isEqualTo(RedriveStatus.REDRIVABLE);
            assertThat(ex.redriveStatusReason()).isEmpty();
            failing.clear();
            h.clock.advance(Duration.ofHours(1));

            Instant redriven = ex.redrive();

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(redriven).isEqualTo(h.clock.now());
            assertThat(calls("Prepare")).as("Prepare succeeded before: not rerun").isEqualTo(1);
            assertThat(calls("Work")).isEqualTo(2);
            assertThat(output(ex)).isEqualTo(json("{'job':'j-1','redrives':1,'redriveTime':'2026-01-01T01:00:00.000Z',"
                    + "'work':'Work'}"));
            assertThat(ex.redriveCount()).isEqualTo(1);
            assertThat(ex.redriveDate()).contains(redriven);
            assertThat(ex.redriveStatusReason()).contains("Execution is SUCCEEDED and cannot be redriven");
        }

        @Test
        void appendsTheRedriveToTheSameHistory() throws Exception {
            failing.add("Work");
            Execution ex = h.run(PIPELINE, "{'job':'j-1'}");
            int before = ex.history().size();
            failing.clear();

            ex.redrive();
            Harness.finish(ex);

            List<HistoryEvent> events = ex.history();
            HistoryEvent redriven = events.get(before);
            assertThat(redriven.type()).isEqualTo("ExecutionRedriven");
            assertThat(redriven.detailsKey()).isEqualTo("executionRedrivenEventDetails");
            assertThat(redriven.details().get("redriveCount").asInt()).isEqualTo(1);
            assertThat(redriven.previousEventId()).isEqualTo(before);
            assertThat(events.get(before - 1).type()).isEqualTo("ExecutionFailed");
            assertThat(events.subList(before, events.size())).extracting(HistoryEvent::type).containsExactly(
                    "ExecutionRedriven", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                    "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
            assertThat(events.get(before + 1).details().get("name").asText()).isEqualTo("Work");
            assertThat(events).extracting(HistoryEvent::id).doesNotHaveDuplicates();
            assertThat(events).filteredOn(e -> e.type().equals("ExecutionStarted")).hasSize(1);
        }

        @Test
        void resetsTheRetryCountOfTheRerunState() throws Exception {
            failing.add("Work");
            String def = PIPELINE.replace("'ResultSelector':{'r.$':'$.Payload'},'Next':'Report'",
                    "'ResultSelector':{'r.$':'$.Payload'},'Retry':[{'ErrorEquals':['States.ALL'],'MaxAttempts':1}],"
                            + "'Next':'Report'");
            Execution ex = h.start(def, "{'job':'j-1'}");
            h.drive(ex);
            assertThat(calls("Work")).isEqualTo(2);

            ex.redrive();
            h.drive(ex);

            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(calls("Work")).as("an attempt and its retry again").isEqualTo(4);
        }

        @Test
        void canBeRedrivenAgainAfterFailingAgain() throws Exception {
            failing.add("Work");
            Execution ex = h.run(PIPELINE, "{'job':'j-1'}");
            ex.redrive();
            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.FAILED);
            failing.clear();

            ex.redrive();

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(output(ex).get("redrives").asInt()).isEqualTo(2);
            assertThat(calls("Prepare")).isEqualTo(1);
        }

        @Test
        void aFailStateFailsAgain() throws Exception {
            Execution ex = h.run("{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'Boom','Cause':'always'}}}",
                    "{}");

            ex.redrive();

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.error()).contains("Boom");
            assertThat(Harness.types(ex)).filteredOn("FailStateEntered"::equals).hasSize(2);
        }
    }

    @Nested
    class Eligibility {
        @Test
        void aSucceededExecutionIsNotRedrivable() throws Exception {
            Execution ex = h.run("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}", "{}");

            assertThat(ex.redriveStatus()).isEqualTo(RedriveStatus.NOT_REDRIVABLE);
            assertThatThrownBy(ex::redrive).isInstanceOf(ExecutionNotRedrivableException.class)
                    .hasMessage("Execution is SUCCEEDED and cannot be redriven");
        }

        @Test
        void aRunningExecutionIsNotRedrivable() throws Exception {
            Execution ex = h.start("{'StartAt':'Send','States':{'Send':{'Type':'Task',"
                    + "'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',"
                    + "'Parameters':{'QueueUrl':'q','MessageBody':{'t.$':'$$.Task.Token'}},'End':true}}}", "{}");
            sqs.take();

            assertThat(ex.redriveStatusReason()).contains("Execution is RUNNING and cannot be redriven");
            assertThatThrownBy(ex::redrive).isInstanceOf(ExecutionNotRedrivableException.class)
                    .hasMessage("Execution is RUNNING and cannot be redriven");
        }

        @Test
        void isRedrivableForFourteenDaysAfterItStopped() throws Exception {
            failing.add("Work");
            Execution late = h.run(PIPELINE, "{'job':'late'}");
            Execution onTime = h.run(PIPELINE, "{'job':'on-time'}");
            failing.clear();
            h.clock.advance(Duration.ofDays(14));
            onTime.redrive();

            h.clock.advance(Duration.ofSeconds(1));

            assertThat(Harness.finish(onTime)).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(late.redriveStatus()).isEqualTo(RedriveStatus.NOT_REDRIVABLE);
            assertThatThrownBy(late::redrive).isInstanceOf(ExecutionNotRedrivableException.class)
                    .hasMessage("Execution redrivable period exceeded");
        }
    }

    @Nested
    class StoppedAndTimedOut {
        private static final String WAIT_FOR_TOKEN = "{%s'StartAt':'Prepare','States':{"
                + task("Prepare", "Prepare", "Send") + ","
                + "'Send':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',"
                + "'Parameters':{'QueueUrl':'q','MessageBody':{'t.$':'$$.Task.Token'}},'End':true}}}";

        @Test
        void anAbortedExecutionRerunsTheStateItWasStoppedIn() throws Exception {
            Execution ex = h.start(WAIT_FOR_TOKEN.formatted(""), "{}");
            sqs.take();
            ex.stop("Operator", "paused");
            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.ABORTED);

            ex.redrive();
            String token = sqs.take().get("MessageBody").get("t").asText();
            h.engine.sendTaskSuccess(token, "{\"ok\":true}");

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(output(ex)).isEqualTo(json("{'ok':true}"));
            assertThat(calls("Prepare")).isEqualTo(1);
            assertThat(ex.error()).isEmpty();
        }

        @Test
        void aTimedOutExecutionGetsItsWholeTimeoutAgain() throws Exception {
            Execution ex = h.start(WAIT_FOR_TOKEN.formatted("'TimeoutSeconds':60,"), "{}");
            sqs.take();
            h.drive(ex);
            assertThat(ex.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
            h.clock.advance(Duration.ofMinutes(10));

            Instant redriven = ex.redrive();
            sqs.take();
            h.advanceWhenWaitingFor(redriven.plusSeconds(60));

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.TIMED_OUT);
            assertThat(ex.stopDate()).contains(redriven.plusSeconds(60));
            assertThat(calls("Prepare")).isEqualTo(1);
        }
    }

    @Nested
    class ParallelAndInlineMap {
        @Test
        void aParallelRerunsOnlyItsFailedBranches() throws Exception {
            failing.add("Work");
            String def = "{'StartAt':'Both','States':{'Both':{'Type':'Parallel','End':true,'Branches':["
                    + "{'StartAt':'A','States':{" + task("A", "Prepare", null) + "}},"
                    + "{'StartAt':'B1','States':{'B1':{'Type':'Pass','Result':{'step':1},'Next':'B2'},"
                    + task("B2", "Work", null) + "}}]}}}";
            Execution ex = h.run(def, "{}");
            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            failing.clear();

            ex.redrive();

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(calls("Prepare")).isEqualTo(1);
            assertThat(calls("Work")).isEqualTo(2);
            assertThat(output(ex)).isEqualTo(json("[{'r':{'by':'Prepare','in':{}}},{'r':{'by':'Work','in':{'step':1}}}]"));
            assertThat(Harness.types(ex)).filteredOn("PassStateEntered"::equals).as("B1 succeeded before").hasSize(1);
        }

        @Test
        void anInlineMapRerunsOnlyItsFailedIterations() throws Exception {
            failing.add("Work:2");
            String def = "{'StartAt':'Each','States':{'Each':{'Type':'Map','End':true,'MaxConcurrency':1,"
                    + "'ItemProcessor':{'StartAt':'W','States':{" + task("W", "Work", null) + "}}}}}";
            Execution ex = h.run(def, "[1,2,3]");
            assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(calls("Work:3")).as("stopped before item 3").isZero();
            failing.clear();

            ex.redrive();

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(calls("Work:1")).isEqualTo(1);
            assertThat(calls("Work:2")).isEqualTo(2);
            assertThat(calls("Work:3")).isEqualTo(1);
            JsonNode out = output(ex);
            assertThat(out).extracting(o -> o.get("r").get("in").asInt()).containsExactly(1, 2, 3);
        }

        @Test
        void aParallelThatExceededTheDataLimitRerunsWhole() throws Exception {
            String def = "{'StartAt':'Both','States':{'Both':{'Type':'Parallel','End':true,'Branches':["
                    + "{'StartAt':'A','States':{" + task("A", "Big", null) + "}},"
                    + "{'StartAt':'B','States':{" + task("B", "Big", null) + "}}]}}}";
            Execution ex = h.run(def, "{}");
            assertThat(ex.error()).contains("States.DataLimitExceeded");

            ex.redrive();

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.FAILED);
            assertThat(calls("Big")).as("both branches ran again").isEqualTo(4);
        }
    }
}
