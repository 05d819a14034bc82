package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.AslClock;
import dev.fanout.asl.Execution;
import dev.fanout.asl.TaskTokenException;
import dev.fanout.asl.internal.model.Graph;
import dev.fanout.asl.port.Integrations;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The engine's shared machinery: clock, ports, threads, task tokens. One per {@code AslEngine}. */
public final class EngineCore implements AutoCloseable {
    private final AslClock clock;
    private final Integrations integrations;
    private final String region;
    private final String accountId;
    private final double timeScale;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final TaskTokens tokens = new TaskTokens();
    private final Set<ExecutionImpl> running = ConcurrentHashMap.newKeySet();
    private final Interpreter interpreter;

    public EngineCore(AslClock clock, Integrations integrations, String region, String accountId, double timeScale) {
        this.clock = clock;
        this.timeScale = timeScale;
        this.integrations = integrations;
        this.region = region;
        this.accountId = accountId;
        this.interpreter = new Interpreter(this);
    }

    /** Starts an execution of a parsed graph; the input must be JSON text of at most 256 KiB. */
    public Execution start(Graph graph, String stateMachineArn, String executionName, String inputJson,
                           String roleArn) {
        JsonNode input = parseInput(inputJson);
        String smName = Arns.lastSegment(stateMachineArn);
        String arn = "arn:aws:states:" + region + ":" + accountId + ":execution:" + smName + ":" + executionName;
        ObjectNode machine = JsonNodeFactory.instance.objectNode().put("Id", stateMachineArn).put("Name", smName);
        ExecutionImpl ex = new ExecutionImpl(this, graph, new ExecutionImpl.Identity(arn, executionName,
                stateMachineArn, machine, roleArn == null ? defaultRoleArn() : roleArn, null), input);
        running.add(ex);
        ex.launch();
        return ex;
    }

    private static JsonNode parseInput(String inputJson) {
        String text = inputJson == null || inputJson.isBlank() ? "{}" : inputJson;
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Payloads.LIMIT) {
            throw new IllegalArgumentException("1 validation error detected: Value at 'input' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + Payloads.LIMIT);
        }
        try {
            return Payloads.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid execution input: " + e.getOriginalMessage());
        }
    }

    /** TestState: one state run once; see {@link TestStateRunner}. */
    public dev.fanout.asl.TestStateResult testState(dev.fanout.asl.TestStateRequest request) {
        try {
            return new TestStateRunner(this).run(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("TestState was interrupted", e);
        }
    }

    public void sendTaskSuccess(String token, String outputJson) {
        TaskWaiter w = tokens.find(token);
        JsonNode output;
        try {
            output = Payloads.MAPPER.readTree(outputJson == null ? "null" : outputJson);
        } catch (JsonProcessingException e) {
            throw new TaskTokenException("InvalidOutput", "Invalid JSON output: " + e.getOriginalMessage());
        }
        if (Payloads.exceeds(output)) {
            throw new TaskTokenException("InvalidOutput", "The output exceeds the maximum size of " + Payloads.LIMIT
                    + " bytes");
        }
        if (!w.succeed(output)) {
            throw TaskTokens.timedOut();
        }
    }

    public void sendTaskFailure(String token, String error, String cause) {
        TaskWaiter w = tokens.find(token);
        if (!w.fail(StatesError.reported(error, cause))) {
            throw TaskTokens.timedOut();
        }
    }

    public void sendTaskHeartbeat(String token) {
        TaskWaiter w = tokens.find(token);
        if (!w.heartbeat()) {
            throw TaskTokens.timedOut();
        }
    }

    void ended(ExecutionImpl ex) {
        running.remove(ex);
    }

    /** A redriven execution runs again: the engine stops it when it closes. */
    void started(ExecutionImpl ex) {
        running.add(ex);
    }

    public double timeScale() {
        return timeScale;
    }

    /** A duration of the definition (or derived from it) as the engine waits it: multiplied by the time scale. */
    Duration scaled(Duration d) {
        if (timeScale == 1.0 || d.isNegative() || d.isZero()) {
            return d;
        }
        return Duration.ofNanos(Math.round(d.toNanos() * timeScale));
    }

    Duration scaledSeconds(long seconds) {
        return scaled(Duration.ofSeconds(seconds));
    }

    AslClock clock() {
        return clock;
    }

    Integrations integrations() {
        return integrations;
    }

    String region() {
        return region;
    }

    String accountId() {
        return accountId;
    }

    String defaultRoleArn() {
        return "arn:aws:iam::" + accountId + ":role/StepFunctionsLocalRole";
    }

    ExecutorService executor() {
        return executor;
    }

    TaskTokens tokens() {
        return tokens;
    }

    Interpreter interpreter() {
        return interpreter;
    }

    @Override
    public void close() {
        for (ExecutionImpl ex : List.copyOf(running)) {
            ex.stop("States.Aborted", "The engine was closed");
        }
        executor.shutdownNow();
    }
}
