package dev.fanout.asl;

import dev.fanout.asl.port.Integrations;
import java.util.Objects;

/**
 * Executes Amazon States Language definitions the way AWS Step Functions does.
 *
 * <pre>{@code
 * try (AslEngine engine = AslEngine.builder().integrations(Integrations.none().withLambda(myInvoker)).build()) {
 *     StateMachine sm = engine.parse(Files.readString(Path.of("my.asl.json")));
 *     Execution ex = engine.start(sm, "arn:aws:states:us-east-1:123456789012:stateMachine:my", "run-1", "{}");
 *     ex.await(Duration.ofSeconds(10));
 *     assertThat(ex.output()).contains("{\"ok\":true}");
 * }
 * }</pre>
 *
 * (Public API contract; the implementation lives in dev.fanout.asl.internal.)
 */
public final class AslEngine implements AutoCloseable {

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private AslClock clock = AslClock.system();
        private Integrations integrations = Integrations.none();
        private String region = "us-east-1";
        private String accountId = "123456789012";

        public Builder clock(AslClock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder integrations(Integrations integrations) {
            this.integrations = Objects.requireNonNull(integrations);
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region);
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = Objects.requireNonNull(accountId);
            return this;
        }

        public AslEngine build() {
            return new AslEngine(this);
        }
    }

    private AslEngine(Builder b) {
        throw new UnsupportedOperationException("engine not implemented yet");
    }

    /** Validates and parses a definition; throws {@link InvalidDefinitionException} where CreateStateMachine would. */
    public StateMachine parse(String definitionJson) {
        throw new UnsupportedOperationException();
    }

    /** Starts an execution asynchronously and returns at once. */
    public Execution start(StateMachine machine, String stateMachineArn, String executionName, String inputJson) {
        throw new UnsupportedOperationException();
    }

    /** SendTaskSuccess; throws {@link TaskTokenException} as AWS would. */
    public void sendTaskSuccess(String taskToken, String outputJson) {
        throw new UnsupportedOperationException();
    }

    /** SendTaskFailure; throws {@link TaskTokenException} as AWS would. */
    public void sendTaskFailure(String taskToken, String error, String cause) {
        throw new UnsupportedOperationException();
    }

    /** SendTaskHeartbeat: resets the task's HeartbeatSeconds clock; throws {@link TaskTokenException} as AWS would. */
    public void sendTaskHeartbeat(String taskToken) {
        throw new UnsupportedOperationException();
    }

    public String region() {
        throw new UnsupportedOperationException();
    }

    public String accountId() {
        throw new UnsupportedOperationException();
    }

    /** Stops running executions (ABORTED) and releases threads. */
    @Override
    public void close() {
    }
}
