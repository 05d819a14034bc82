package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.HistoryEvent;
import dev.fanout.asl.MapRun;
import dev.fanout.asl.internal.model.Graph;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** One execution: a top-level one started through the engine, or a Distributed Map's child. */
public final class ExecutionImpl implements Execution {
    private final EngineCore engine;
    private final Graph graph;
    private final String arn;
    private final String name;
    private final String stateMachineArn;
    private final String roleArn;
    private final String inputText;
    private final JsonNode input;
    private final Instant startDate;
    private final HistoryLog history;
    private final ObjectNode contextExecution;
    private final ObjectNode contextStateMachine;
    private final List<MapRun> mapRuns = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Lane mainLane = new Lane(0);

    private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
    private volatile JsonNode outputNode;
    private volatile String output;
    private volatile String error;
    private volatile String cause;
    private volatile Instant stopDate;
    private volatile Future<?> runner;
    private volatile Future<?> watchdog;

    ExecutionImpl(EngineCore engine, Graph graph, String arn, String name, String stateMachineArn,
                  String stateMachineName, String roleArn, JsonNode input) {
        this.engine = engine;
        this.roleArn = roleArn;
        this.graph = graph;
        this.arn = arn;
        this.name = name;
        this.stateMachineArn = stateMachineArn;
        this.input = input;
        this.inputText = input.toString();
        this.startDate = engine.clock().now();
        this.history = new HistoryLog(engine.clock());
        this.contextExecution = JsonNodeFactory.instance.objectNode();
        contextExecution.put("Id", arn);
        contextExecution.set("Input", input);
        contextExecution.put("Name", name);
        contextExecution.put("RoleArn", roleArn);
        contextExecution.put("StartTime", Times.iso(startDate));
        contextExecution.put("RedriveCount", 0);
        this.contextStateMachine = JsonNodeFactory.instance.objectNode();
        contextStateMachine.put("Id", stateMachineArn);
        contextStateMachine.put("Name", stateMachineName);
    }

    /** Starts the execution on its own (virtual) thread. */
    void launch() {
        runner = engine.executor().submit(this::runHere);
    }

    /** Runs the execution on the calling thread until it ends (Distributed Map children run this way). */
    void runHere() {
        history.add(mainLane, "ExecutionStarted", "executionStartedEventDetails", "input", input, "roleArn",
                roleArn);
        if (graph.timeoutSeconds() != null) {
            startWatchdog(startDate.plusSeconds(graph.timeoutSeconds()));
        }
        try {
            JsonNode out = engine.interpreter().runGraph(graph, input, new Frame(this, Scope.root(), mainLane));
            complete(ExecutionStatus.SUCCEEDED, out, null, null);
        } catch (StatesError e) {
            complete(ExecutionStatus.FAILED, null, e.error(), e.cause());
        } catch (Aborted | InterruptedException e) {
            // stopped, timed out or the engine closed: the status is already final
            complete(ExecutionStatus.ABORTED, null, null, "Execution interrupted");
        } catch (RuntimeException | Error e) {
            complete(ExecutionStatus.FAILED, null, StatesError.RUNTIME, "Internal error of the local engine: " + e);
        } finally {
            Future<?> w = watchdog;
            if (w != null) {
                w.cancel(true);
            }
        }
    }

    private void startWatchdog(Instant deadline) {
        watchdog = engine.executor().submit(() -> {
            Object monitor = new Object();
            try {
                synchronized (monitor) {
                    while (status == ExecutionStatus.RUNNING && engine.clock().now().isBefore(deadline)) {
                        engine.clock().waitUntil(monitor, deadline);
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
            if (complete(ExecutionStatus.TIMED_OUT, null, StatesError.TIMEOUT,
                    "The execution timed out after " + graph.timeoutSeconds() + " seconds")) {
                interruptRunner();
            }
        });
    }

    /** Records the end state once; later attempts (a late result after StopExecution) are ignored. */
    boolean complete(ExecutionStatus end, JsonNode out, String err, String why) {
        synchronized (this) {
            if (status != ExecutionStatus.RUNNING) {
                return false;
            }
            this.outputNode = out;
            this.output = out == null ? null : out.toString();
            this.error = err;
            this.cause = why;
            this.stopDate = engine.clock().now();
            switch (end) {
                case SUCCEEDED -> history.add(mainLane, "ExecutionSucceeded", "executionSucceededEventDetails",
                        "output", out);
                case FAILED -> history.add(mainLane, "ExecutionFailed", "executionFailedEventDetails", "error", err,
                        "cause", why);
                case ABORTED -> history.add(mainLane, "ExecutionAborted", "executionAbortedEventDetails", "error",
                        err, "cause", why);
                case TIMED_OUT -> history.add(mainLane, "ExecutionTimedOut", "executionTimedOutEventDetails",
                        "error", err, "cause", why);
                case RUNNING -> throw new IllegalArgumentException("RUNNING is not an end state");
            }
            this.status = end;
        }
        finished.countDown();
        engine.ended(this);
        return true;
    }

    private void interruptRunner() {
        Future<?> r = runner;
        if (r != null) {
            r.cancel(true);
        }
    }

    /** Throws {@link Aborted} once the execution has ended (stopped or timed out) so its thread unwinds. */
    void checkRunning() {
        if (status != ExecutionStatus.RUNNING) {
            throw new Aborted();
        }
    }

    EngineCore engine() {
        return engine;
    }

    String roleArn() {
        return roleArn;
    }

    HistoryLog log() {
        return history;
    }

    ObjectNode contextExecution() {
        return contextExecution;
    }

    ObjectNode contextStateMachine() {
        return contextStateMachine;
    }

    JsonNode inputNode() {
        return input;
    }

    JsonNode outputNode() {
        return outputNode;
    }

    void addMapRun(MapRun run) {
        mapRuns.add(run);
    }

    @Override
    public String arn() {
        return arn;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String stateMachineArn() {
        return stateMachineArn;
    }

    @Override
    public ExecutionStatus status() {
        return status;
    }

    @Override
    public String input() {
        return inputText;
    }

    @Override
    public Optional<String> output() {
        return Optional.ofNullable(output);
    }

    @Override
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public Optional<String> cause() {
        return Optional.ofNullable(cause);
    }

    @Override
    public Instant startDate() {
        return startDate;
    }

    @Override
    public Optional<Instant> stopDate() {
        return Optional.ofNullable(stopDate);
    }

    @Override
    public List<HistoryEvent> history() {
        return history.snapshot();
    }

    @Override
    public List<MapRun> mapRuns() {
        return List.copyOf(mapRuns);
    }

    @Override
    public void stop(String err, String why) {
        if (complete(ExecutionStatus.ABORTED, null, err, why)) {
            interruptRunner();
        }
    }

    @Override
    public ExecutionStatus await(Duration timeout) throws InterruptedException {
        long nanos = timeout.compareTo(Duration.ofDays(100_000)) > 0 ? Long.MAX_VALUE : Math.max(0, timeout.toNanos());
        finished.await(nanos, TimeUnit.NANOSECONDS);
        return status;
    }

    @Override
    public String toString() {
        return "Execution[" + arn + " " + status + "]";
    }
}
