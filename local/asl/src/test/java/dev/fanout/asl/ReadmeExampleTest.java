package dev.fanout.asl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.asl.port.Integrations;
import dev.fanout.asl.port.LambdaResponse;
import dev.fanout.asl.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example of local/asl/README.md, kept compiling and passing here. Keep both in step. */
class ReadmeExampleTest {

    // README example start
    @Test
    void retriesAThrottledFunctionThenSucceeds() throws Exception {
        String definition = """
                {"StartAt": "Greet", "States": {"Greet": {
                  "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "greeter", "Payload.$": "$"},
                  "ResultSelector": {"greeting.$": "$.Payload.greeting", "name.$": "$.Payload.to.name"},
                  "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 30}],
                  "End": true}}}""";
        int[] calls = {0};
        Integrations integrations = Integrations.none().withLambda((function, payload) -> {
            if (calls[0]++ == 0) {
                throw new TooManyRequestsException("Rate exceeded"); // a Lambda service error: retried
            }
            return LambdaResponse.ok("{\"greeting\":\"Hello\",\"to\":" + payload + "}");
        });
        ManualClock clock = new ManualClock();

        try (AslEngine engine = AslEngine.builder().clock(clock).integrations(integrations).build()) {
            StateMachine machine = engine.parse(definition);
            Execution execution = engine.start(machine, "arn:aws:states:us-east-1:123456789012:stateMachine:hello",
                    "run-1", "{\"name\":\"Ada\"}");

            clock.awaitWaiters(1, Duration.ofSeconds(5)); // the retry is waiting on the clock ...
            clock.advance(Duration.ofSeconds(30));         // ... and 30 seconds pass at once

            assertThat(execution.await(Duration.ofSeconds(5))).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(execution.output()).contains("{\"greeting\":\"Hello\",\"name\":\"Ada\"}");
            assertThat(execution.history()).extracting(HistoryEvent::type).contains("TaskFailed", "TaskSucceeded");
        }
    }
    // README example end

    static final class TooManyRequestsException extends RuntimeException {
        TooManyRequestsException(String message) {
            super(message);
        }
    }
}
