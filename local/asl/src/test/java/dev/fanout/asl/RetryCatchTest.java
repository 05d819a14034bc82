package dev.fanout.asl;

import static dev.fanout.asl.Harness.json;
import static dev.fanout.asl.Harness.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.asl.port.Integrations;
import dev.fanout.asl.port.LambdaResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryCatchTest {
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<Instant> callTimes = new CopyOnWriteArrayList<>();
    private Harness h;
    private final FakeLambda lambda = new FakeLambda().function("Flaky", p -> {
        callTimes.add(h.clock.now());
        return failuresLeft.getAndDecrement() > 0 ? FakeLambda.javaError(IllegalStateException.class, "transient")
                : LambdaResponse.ok("{\"ok\":true}");
    });

    {
        h = new Harness(Integrations.none().withLambda(lambda));
    }

    @AfterEach
    void close() {
        h.close();
    }

    private static String flaky(String retry, String katch) {
        return "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'Parameters':{'FunctionName':'Flaky'},'OutputPath':'$.Payload'"
                + (retry == null ? "" : ",'Retry':" + retry) + (katch == null ? "" : ",'Catch':" + katch)
                + ",'End':true}" + (katch == null ? "" : ",'Handler':{'Type':'Pass','End':true}") + "}}";
    }

    private void drive(Execution ex) throws InterruptedException {
        h.drive(ex);
    }

    @Test
    void retriesWithExponentialBackoff_thenSucceeds() throws Exception {
        failuresLeft.set(2);
        Execution ex = h.start(flaky("[{'ErrorEquals':['States.ALL'],'IntervalSeconds':2,'BackoffRate':3}]", null),
                "{}");
        drive(ex);

        assertThat(output(ex)).isEqualTo(json("{'ok':true}"));
        assertThat(callTimes).hasSize(3);
        // waits of 2 s, then 2 × 3 = 6 s
        assertThat(Duration.between(callTimes.get(0), callTimes.get(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(Duration.between(callTimes.get(1), callTimes.get(2))).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void defaultsAreOneSecondThreeAttemptsBackoffTwo() throws Exception {
        failuresLeft.set(10);
        Execution ex = h.start(flaky("[{'ErrorEquals':['java.lang.IllegalStateException']}]", null), "{}");
        drive(ex);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(callTimes).hasSize(4);
        // 1 + 2 + 4 seconds
        assertThat(Duration.between(callTimes.get(0), callTimes.get(3))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void maxAttemptsZeroNeverRetries() throws Exception {
        failuresLeft.set(1);
        Execution ex = h.run(flaky("[{'ErrorEquals':['States.ALL'],'MaxAttempts':0}]", null), "{}");

        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(callTimes).hasSize(1);
    }

    @Test
    void maxDelaySecondsCapsTheBackoff() throws Exception {
        failuresLeft.set(3);
        Execution ex = h.start(flaky("[{'ErrorEquals':['States.ALL'],'IntervalSeconds':4,'BackoffRate':10,"
                + "'MaxDelaySeconds':5}]", null), "{}");
        drive(ex);

        assertThat(output(ex)).isEqualTo(json("{'ok':true}"));
        assertThat(Duration.between(callTimes.get(0), callTimes.get(1))).isEqualTo(Duration.ofSeconds(4));
        assertThat(Duration.between(callTimes.get(2), callTimes.get(3))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void catchPutsErrorAndCauseAtResultPathOfTheRawInput() throws Exception {
        failuresLeft.set(1);
        Execution ex = h.run(flaky(null, "[{'ErrorEquals':['States.TaskFailed'],'ResultPath':'$.error',"
                + "'Next':'Handler'}]"), "{'orig':1}");

        var out = output(ex);
        assertThat(out.get("orig").asInt()).isEqualTo(1);
        assertThat(out.get("error").get("Error").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(out.get("error").has("Cause")).isTrue();
    }

    @Test
    void catchWithoutResultPathReplacesTheInputWithTheErrorOutput() throws Exception {
        failuresLeft.set(1);
        Execution ex = h.run(flaky(null, "[{'ErrorEquals':['States.ALL'],'Next':'Handler'}]"), "{'orig':1}");

        assertThat(output(ex).fieldNames()).toIterable().containsExactly("Error", "Cause");
    }

    @Test
    void catchAppliesAfterRetriesAreExhausted() throws Exception {
        failuresLeft.set(5);
        Execution ex = h.start(flaky("[{'ErrorEquals':['States.ALL'],'MaxAttempts':2}]",
                "[{'ErrorEquals':['States.ALL'],'Next':'Handler'}]"), "{}");
        drive(ex);

        assertThat(output(ex).get("Error").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(callTimes).hasSize(3);
    }

    @Test
    void statesAllDoesNotCatchStatesRuntime() throws Exception {
        Execution ex = h.run("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                 'Parameters':{'FunctionName.$':'$.missing'},
                 'Catch':[{'ErrorEquals':['States.ALL'],'Next':'H'}],'End':true},'H':{'Type':'Pass','End':true}}}""",
                "{}");

        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(ex.error()).contains("States.Runtime");
    }

    @Test
    void onlyTheFirstMatchingRetrierApplies() throws Exception {
        failuresLeft.set(2);
        Execution ex = h.start(flaky("[{'ErrorEquals':['java.lang.IllegalStateException'],'MaxAttempts':1},"
                + "{'ErrorEquals':['States.ALL'],'MaxAttempts':5}]", null), "{}");
        drive(ex);

        assertThat(ex.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(callTimes).hasSize(2);
    }

    @Test
    void retryCountIsVisibleInTheContextObject() throws Exception {
        failuresLeft.set(2);
        lambda.function("Counter", p -> {
            callTimes.add(h.clock.now());
            return failuresLeft.getAndDecrement() > 0 ? FakeLambda.javaError(RuntimeException.class, "x")
                    : LambdaResponse.ok(p);
        });
        Execution ex = h.start("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                 'Parameters':{'FunctionName':'Counter','Payload':{'retry.$':'$$.State.RetryCount'}},
                 'Retry':[{'ErrorEquals':['States.ALL']}],'OutputPath':'$.Payload','End':true}}}""", "{}");
        drive(ex);

        assertThat(output(ex)).isEqualTo(json("{'retry':2}"));
    }

    @Test
    void fullJitterWaitsNoLongerThanTheBackoffDelay() throws Exception {
        failuresLeft.set(3);
        Execution ex = h.start(flaky("[{'ErrorEquals':['States.ALL'],'IntervalSeconds':10,'BackoffRate':1,"
                + "'JitterStrategy':'FULL'}]", null), "{}");
        drive(ex);

        assertThat(output(ex)).isEqualTo(json("{'ok':true}"));
        for (int i = 1; i < callTimes.size(); i++) {
            assertThat(Duration.between(callTimes.get(i - 1), callTimes.get(i))).isBetween(Duration.ZERO,
                    Duration.ofSeconds(10));
        }
    }
}
