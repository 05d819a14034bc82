package dev.fanout.asl;

import dev.fanout.asl.internal.parse.DefinitionParser;
import dev.fanout.asl.internal.run.EngineCore;
import dev.fanout.asl.internal.run.ParsedStateMachine;
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
        private double timeScale = 1.0;

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

        /**
         * Multiplies every duration the engine waits: Wait states (Seconds, SecondsPath, and the time left until a
         * Timestamp), Retry intervals (after BackoffRate, MaxDelaySeconds and jitter), TimeoutSeconds and
         * HeartbeatSeconds of tasks, and the top-level TimeoutSeconds. The definition's values are validated as
         * written (as AWS does) before they are scaled; history timestamps and the context object stay real time.
         * With {@code 0.02}, a HeartbeatSeconds of 120 times out after 2.4 s and a Retry of IntervalSeconds 3 waits
         * 60 ms, so every ratio of the deployed settings holds.
         *
         * @param timeScale in (0, 1]; default 1.0 (AWS's own timing)
         * @throws IllegalArgumentException outside (0, 1] or not a finite number
         */
        public Builder timeScale(double timeScale) {
            if (!(timeScale > 0 && timeScale <= 1)) {
                throw new IllegalArgumentException("timeScale must be greater than 0 and at most 1, but was "
                        + timeScale);
            }
            this.timeScale = timeScale;
            return this;
        }

        public AslEngine build() {
            return new AslEngine(this);
        }
    }

    private final EngineCore core;
    private final String region;
    private final String accountId;

    private AslEngine(Builder b) {
        this.region = b.region;
        this.accountId = b.accountId;
        this.core = new EngineCore(b.clock, b.integrations, b.region, b.accountId, b.timeScale);
    }

    /** Validates and parses a definition; throws {@link InvalidDefinitionException} where CreateStateMachine would. */
    public StateMachine parse(String definitionJson) {
        Objects.requireNonNull(definitionJson, "definitionJson");
        return new ParsedStateMachine(definitionJson, DefinitionParser.parse(definitionJson));
    }

    /**
     * ValidateStateMachineDefinition: every problem CreateStateMachine would refuse the definition for, with AWS's
     * diagnostic codes and locations; never throws for a bad definition.
     *
     * <pre>{@code
     * ValidationResult r = engine.validate("{\"StartAt\":\"A\",\"States\":{}}", false);
     * r.result();                          // "FAIL"
     * r.diagnostics().get(0).location();   // "/States"
     * }</pre>
     *
     * @param express validate as an EXPRESS state machine (no {@code .waitForTaskToken})
     */
    public ValidationResult validate(String definitionJson, boolean express) {
        Objects.requireNonNull(definitionJson, "definitionJson");
        var analysis = DefinitionParser.analyse(definitionJson, express);
        return new ValidationResult(analysis.diagnostics().isEmpty(), analysis.diagnostics(), false);
    }

    /**
     * Starts an execution asynchronously and returns at once.
     *
     * @param inputJson the execution input (JSON text; null or blank means {@code {}})
     * @throws IllegalArgumentException if the input is not JSON or exceeds 256 KiB
     */
    public Execution start(StateMachine machine, String stateMachineArn, String executionName, String inputJson) {
        return start(machine, stateMachineArn, executionName, inputJson, null);
    }

    /**
     * Starts an execution asynchronously and returns at once.
     *
     * @param inputJson the execution input (JSON text; null or blank means {@code {}})
     * @param roleArn   the state machine's role, shown as {@code $$.Execution.RoleArn} (null: a placeholder role)
     * @throws IllegalArgumentException if the input is not JSON or exceeds 256 KiB
     */
    public Execution start(StateMachine machine, String stateMachineArn, String executionName, String inputJson,
                           String roleArn) {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        Objects.requireNonNull(executionName, "executionName");
        if (!(machine instanceof ParsedStateMachine parsed)) {
            throw new IllegalArgumentException("The state machine must come from AslEngine.parse");
        }
        return core.start(parsed.graph(), stateMachineArn, executionName, inputJson, roleArn);
    }

    /**
     * TestState: runs one state once, with its input (and optionally a mock of its work, variables, a context object
     * and a state configuration), and answers as AWS's TestState does: the status (SUCCEEDED, FAILED, RETRIABLE,
     * CAUGHT_ERROR), output or error and cause, the next state, and at DEBUG/TRACE the value after each
     * data-processing step. Tasks without a mock call this engine's integrations; Map, Parallel and
     * {@code .waitForTaskToken} tasks need a mock, as on AWS; a Wait state answers at once.
     *
     * <pre>{@code
     * TestStateResult r = engine.testState(TestStateRequest.of(
     *         "{\"Type\":\"Pass\",\"Parameters\":{\"v.$\":\"$.a\"},\"Next\":\"B\"}", "{\"a\":1}"));
     * r.output();     // {"v":1}
     * r.nextState();  // B
     * }</pre>
     *
     * @throws InvalidDefinitionException where CreateStateMachine would refuse the definition
     * @throws TestStateRequest.InvalidInputException when the input is not JSON
     * @throws IllegalArgumentException for other bad requests (no such state, a Map without a mock, ...)
     */
    public TestStateResult testState(TestStateRequest request) {
        Objects.requireNonNull(request, "request");
        return core.testState(request);
    }

    /** SendTaskSuccess; throws {@link TaskTokenException} as AWS would. */
    public void sendTaskSuccess(String taskToken, String outputJson) {
        core.sendTaskSuccess(taskToken, outputJson);
    }

    /** SendTaskFailure; throws {@link TaskTokenException} as AWS would. */
    public void sendTaskFailure(String taskToken, String error, String cause) {
        core.sendTaskFailure(taskToken, error, cause);
    }

    /** SendTaskHeartbeat: resets the task's HeartbeatSeconds clock; throws {@link TaskTokenException} as AWS would. */
    public void sendTaskHeartbeat(String taskToken) {
        core.sendTaskHeartbeat(taskToken);
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    /** The factor every waited duration is multiplied by (see {@link Builder#timeScale(double)}). */
    public double timeScale() {
        return core.timeScale();
    }

    /** Stops running executions (ABORTED) and releases threads. */
    @Override
    public void close() {
        core.close();
    }
}
