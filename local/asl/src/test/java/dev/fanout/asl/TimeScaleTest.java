package dev.fanout.asl;

import static dev.fanout.asl.Harness.json;
import static dev.fanout.asl.Harness.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.asl.port.Integrations;
import dev.fanout.asl.port.LambdaResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every duration the engine waits is multiplied by the time scale; the definition is validated unscaled. */
class TimeScaleTest {
    private static final double SCALE = 0.02;

    private final FakeSqs sqs = new FakeSqs();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<Instant> calls = new CopyOnWriteArrayList<>();
    private Harness h;
    private final FakeLambda lambda = new FakeLambda().function("Flaky", p -> {
        calls.add(h.clock.now());
        return failuresLeft.getAndDecrement() > 0 ? FakeLambda.javaError(IllegalStateException.class, "transient")
                : LambdaResponse.ok("{\"ok\":true}");
    });

    {
        h = new Harness(Integrations.none().withSqs(sqs).withLambda(lambda), SCALE);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private static String callback(String extra) {
        return "{'StartAt':'Send','States':{'Send':{'Type':'Task',"
                + "'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',"
                + "'Parameters':{'QueueUrl':'q','MessageBody':{'t.$':'$$.Task.Token'}}" + extra + ",'End':true}}}";
    }

    @Nested
    class Builder {
        @ParameterizedTest
        @ValueSource(doubles = {0.0, -0.5, 1.5, Double.NaN, Double.POSITIVE_INFINITY})
        void refusesAScaleOutsideZeroToOne(double scale) {
            assertThatThrownBy(() -> AslEngine.builder().timeScale(scale))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("timeScale");
        }

        @Test
        void defaultsToAwsTiming() {
            try (AslEngine engine = AslEngine.builder().build()) {
                assertThat(engine.timeScale()).isEqualTo(1.0);
            }
        }

        @Test
        void validatesTheDefinitionAsWritten_notScaled() {
            // 0.5 s would be a whole 10 ms at this scale, but AWS accepts only whole seconds
            assertThatThrownBy(() -> h.engine.parse(Harness.q(
                    "{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':0.5,'End':true}}}")))
                    .isInstanceOf(InvalidDefinitionException.class);
            assertThatThrownBy(() -> h.engine.parse(Harness.q(callback(",'HeartbeatSeconds':0"))))
                    .isInstanceOf(InvalidDefinitionException.class);
        }
    }

    @Nested
    class Waits {
        @Test
        void waitSecondsLasts_scaleTimesSeconds() throws Exception {
            Instant start = h.clock.now();
            Execution ex = h.start("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':120,'End':true}}}", "{}");

            h.advanceWhenWaitingFor(start.plusMillis(2_400));

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(Duration.between(start, ex.stopDate().orElseThrow())).isEqualTo(Duration.ofMillis(2_400));
        }

        @Test
        void secondsPathIsScaledToo() throws Exception {
            Instant start = h.clock.now();
            Execution ex = h.start("{'StartAt':'W','States':{'W':{'Type':'Wait','SecondsPath':'$.s','End':true}}}",
                    "{'s':50}");

            h.advanceWhenWaitingFor(start.plusSeconds(1));

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
        }

        @Test
        void aTimestampWaitsTheScaledTimeLeftUntilIt() throws Exception {
            // the clock starts at 2026-01-01T00:00:00Z: 100 s left, 2 s at this scale
            Instant start = h.clock.now();
            Execution ex = h.start("{'StartAt':'W','States':{'W':{'Type':'Wait','TimestampPath':'$.at',"
                    + "'End':true}}}", "{'at':'2026-01-01T00:01:40Z'}");

            h.advanceWhenWaitingFor(start.plusSeconds(2));

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(ex.stopDate()).contains(start.plusSeconds(2));
        }
    }

    @Nested
    class Retries {
        @Test
        void intervalsAndBackoffAreScaled() throws Exception {
            failuresLeft.set(2);
            Execution ex = h.start("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                    + "'Parameters':{'FunctionName':'Flaky'},'Retry':[{'ErrorEquals':['States.ALL'],"
                    + "'IntervalSeconds':10,'BackoffRate':3}],'End':true}}}", "{}");

            h.drive(ex);

            assertThat(ex.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(calls).hasSize(3);
            // 10 s and 30 s, times 0.02
            assertThat(Duration.between(calls.get(0), calls.get(1))).isEqualTo(Duration.ofMillis(200));
            assertThat(Duration.between(calls.get(1), calls.get(2))).isEqualTo(Duration.ofMillis(600));
        }

        @Test
        void maxDelayCapsBeforeScaling() throws Exception {
            failuresLeft.set(3);
            Execution ex = h.start("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                    + "'Parameters':{'FunctionName':'Flaky'},'Retry':[{'ErrorEquals':['States.ALL'],"
                    + "'IntervalSeconds':10,'BackoffRate':10,'MaxDelaySeconds':50}],'End':true}}}", "{}");

            h.drive(ex);

            assertThat(calls).hasSize(4);
            // 10 s, then 100 s and 1000 s capped at 50 s; times 0.02
            assertThat(Duration.between(calls.get(0), calls.get(1))).isEqualTo(Duration.ofMillis(200));
            assertThat(Duration.between(calls.get(1), calls.get(2))).isEqualTo(Duration.ofSeconds(1));
            assertThat(Duration.between(calls.get(2), calls.get(3))).isEqualTo(Duration.ofSeconds(1));
        }

        @Test
        void fullJitterStaysWithinTheScaledDelay() throws Exception {
            failuresLeft.set(20);
            Execution ex = h.start("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                    + "'Parameters':{'FunctionName':'Flaky'},'Retry':[{'ErrorEquals':['States.ALL'],"
                    + "'IntervalSeconds':50,'BackoffRate':1,'MaxAttempts':20,'JitterStrategy':'FULL'}],"
                    + "'End':true}}}", "{}");

            h.drive(ex);

            assertThat(calls).hasSize(21);
            for (int i = 1; i < calls.size(); i++) {
                assertThat(Duration.between(calls.get(i - 1), calls.get(i))).isBetween(Duration.ZERO,
                        Duration.ofSeconds(1));
            }
        }
    }

    @Nested
    class Timeouts {
        @Test
        void heartbeatSecondsTimesOutAfterTheScaledInterval_andTheHistoryKeepsTheDefinitionsValue()
                throws Exception {
            Execution ex = h.start(callback(",'HeartbeatSeconds':120"), "{}");
            sqs.take();
            Instant sent = h.clock.now();

            h.advanceWhenWaitingFor(sent.plusMillis(2_400));

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ex.error()).contains("States.HeartbeatTimeout");
            HistoryEvent scheduled = ex.history().stream().filter(e -> e.type().equals("TaskScheduled"))
                    .findFirst().orElseThrow();
            assertThat(scheduled.details().get("heartbeatInSeconds").asLong()).isEqualTo(120);
        }

        @Test
        void aHeartbeatResetsTheScaledClock() throws Exception {
            Execution ex = h.start(callback(",'HeartbeatSeconds':100"), "{}");
            String token = sqs.take().get("MessageBody").get("t").asText();
            assertThat(h.clock.awaitWaiters(1, Duration.ofSeconds(5))).isTrue();

            h.clock.advance(Duration.ofMillis(1_500));
            h.engine.sendTaskHeartbeat(token);
            h.clock.advance(Duration.ofMillis(1_500));
            assertThat(ex.await(Duration.ofMillis(50))).as("3 s in, 1.5 s since the heartbeat, 2 s allowed")
                    .isEqualTo(ExecutionStatus.RUNNING);
            h.engine.sendTaskSuccess(token, "{\"done\":true}");

            assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
        }

        @Test
        void taskTimeoutSecondsIsScaled() throws Exception {
            Execution ex = h.start(callback(",'TimeoutSeconds':300"), "{}");
            sqs.take();

            h.drive(ex);

            assertThat(ex.error()).contains("States.Timeout");
            assertThat(Duration.between(ex.startDate(), ex.stopDate().orElseThrow())).isEqualTo(Duration.ofSeconds(6));
        }

        @Test
        void topLevelTimeoutSecondsIsScaled_andItsCauseNamesTheDefinitionsValue() throws Exception {
            Execution ex = h.start("{'TimeoutSeconds':3600,'StartAt':'W','States':{'W':{'Type':'Wait',"
                    + "'Seconds':7200,'End':true}}}", "{}");

            // the Wait (144 s) and the execution's timeout (72 s) both wait: move to the earlier once both do
            h.advanceWhenWaitingFor(ex.startDate().plusSeconds(72));
            Harness.finish(ex);

            assertThat(ex.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
            assertThat(Duration.between(ex.startDate(), ex.stopDate().orElseThrow())).isEqualTo(Duration.ofSeconds(72));
            assertThat(ex.cause()).contains("The execution timed out after 3600 seconds");
        }
    }

    @Test
    void historyTimestampsAndTheContextObjectStayOnTheClock() throws Exception {
        Instant start = h.clock.now();
        Execution ex = h.start("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':100,'Next':'P'},"
                + "'P':{'Type':'Pass','Parameters':{'entered.$':'$$.State.EnteredTime'},'End':true}}}", "{}");

        h.advanceWhenWaitingFor(start.plusSeconds(2));

        assertThat(Harness.finish(ex)).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(output(ex)).isEqualTo(json("{'entered':'2026-01-01T00:00:02.000Z'}"));
        assertThat(ex.history()).last().extracting(HistoryEvent::timestamp).isEqualTo(start.plusSeconds(2));
    }
}
