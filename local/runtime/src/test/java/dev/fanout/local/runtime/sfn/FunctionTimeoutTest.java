package dev.fanout.local.runtime.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.asl.AslEngine;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.port.Integrations;
import dev.fanout.local.runtime.lambda.FunctionConfig;
import dev.fanout.local.runtime.lambda.LocalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Lambda task whose function runs past its timeout fails with {@code Sandbox.Timedout}, as the lambda:invoke
 * integration reports it on AWS: the local function's timeout, through the Lambda integration, into the engine.
 */
class FunctionTimeoutTest {
    private final LocalFunction slow = new LocalFunction(
            new FunctionConfig("fanout-splitter", Duration.ofMillis(1), 1024, "us-east-1", "000000000000"),
            Clock.systemUTC());
    private final CountDownLatch never = new CountDownLatch(1);
    private final AslEngine engine = AslEngine.builder()
            .integrations(Integrations.none().withLambda(LocalIntegrations.lambda(Map.of("fanout-splitter",
                    payload -> slow.invoke(ctx -> {
                        never.await(); // until the timeout interrupts it
                        return "{}";
                    })))))
            .build();

    @AfterEach
    void close() {
        never.countDown();
        engine.close();
        slow.close();
    }

    @Test
    void failsTheTaskWithSandboxTimedout() throws Exception {
        String definition = """
                {"StartAt": "Split", "States": {"Split": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:000000000000:function:fanout-splitter:live",
                 "Payload.$": "$"}, "End": true}}}""";
        Execution execution = engine.start(engine.parse(definition),
                "arn:aws:states:us-east-1:000000000000:stateMachine:fanout-pipeline", "job-1", "{}");

        assertThat(execution.await(Duration.ofMinutes(1))).isEqualTo(ExecutionStatus.FAILED);
        assertThat(execution.error()).contains("Sandbox.Timedout");
        assertThat(execution.cause().orElseThrow()).contains("Task timed out after 0.00 seconds");
    }
}
