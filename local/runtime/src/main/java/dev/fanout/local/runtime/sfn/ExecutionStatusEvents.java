package dev.fanout.local.runtime.sfn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.api.StepFunctionsService;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's EventBridge rule on "Step Functions Execution Status Change", locally: there is no EventBridge, so this
 * polls ListExecutions of the state machine (the engine's own, in this process: no HTTP request and no SDK call per
 * poll) for executions that ended FAILED, TIMED_OUT or ABORTED and hands each
 * end, once (again on the next poll if the target failed, as EventBridge retries), to the target as the rule's
 * input template would build it:
 * {@code {"action":"reportFailure","jobId":<name>,"executionArn":<arn>}}. A redriven execution that ends badly again
 * is a new end (its stop date differs).
 *
 * <pre>{@code
 * try (var events = ExecutionStatusEvents.start(stepFunctions, stateMachineArn, Duration.ofMillis(200), payload -> ...)) { }
 * }</pre>
 */
public final class ExecutionStatusEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionStatusEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<ExecutionStatus> REPORTED = Set.of(ExecutionStatus.FAILED, ExecutionStatus.TIMED_OUT,
            ExecutionStatus.ABORTED);

    private final StepFunctionsService stepFunctions;
    private final String stateMachineArn;
    private final Consumer<String> target;
    private final Map<String, Boolean> delivered = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "execution-status-events");
        t.setDaemon(true);
        return t;
    });

    private ExecutionStatusEvents(StepFunctionsService stepFunctions, String stateMachineArn,
                                  Consumer<String> target) {
        this.stepFunctions = Objects.requireNonNull(stepFunctions, "stepFunctions");
        this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        this.target = Objects.requireNonNull(target, "target");
    }

    /** @param target receives the rule's input for each end, on the watcher's thread */
    public static ExecutionStatusEvents start(StepFunctionsService stepFunctions, String stateMachineArn,
                                              Duration interval, Consumer<String> target) {
        ExecutionStatusEvents events = new ExecutionStatusEvents(stepFunctions, stateMachineArn, target);
        long millis = Math.max(10, interval.toMillis());
        events.timer.scheduleWithFixedDelay(events::poll, millis, millis, TimeUnit.MILLISECONDS);
        return events;
    }

    private void poll() {
        try {
            for (ExecutionStatus status : REPORTED) {
                stepFunctions.listExecutions(stateMachineArn, status).forEach(this::deliverOnce);
            }
        } catch (RuntimeException e) {
            LOG.debug("listing the ended executions failed: {}", e.toString());
        }
    }

    private void deliverOnce(Execution execution) {
        String end = execution.arn() + "@" + execution.stopDate().orElse(null) + "#" + execution.redriveCount();
        if (delivered.putIfAbsent(end, Boolean.TRUE) != null) {
            return;
        }
        ObjectNode input = JSON.createObjectNode().put("action", "reportFailure").put("jobId", execution.name())
                .put("executionArn", execution.arn());
        try {
            target.accept(input.toString());
        } catch (RuntimeException e) {
            // EventBridge retries a failed delivery; so does the next poll
            delivered.remove(end);
            LOG.warn("the failure report of {} failed, to be tried again: {}", execution.name(), e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
