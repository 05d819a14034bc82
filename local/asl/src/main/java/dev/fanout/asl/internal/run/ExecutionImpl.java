package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionNotRedrivableException;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.HistoryEvent;
import dev.fanout.asl.MapRun;
import dev.fanout.asl.RedriveStatus;
import dev.fanout.asl.internal.model.Graph;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One execution: a top-level one started through the engine, or a Distributed Map's child. It runs in attempts: the
 * first from the start, each redrive from where the previous one stopped. Events of all attempts go to one history.
 */
public final class ExecutionImpl implements Execution {
    /**
     * Who an execution is.
     *
     * @param stateMachineArn what DescribeExecution shows (a Map Run's child: {@code stateMachine:MACHINE/LABEL})
     * @param contextMachine  {@code $$.StateMachine} of the execution
     * @param mapRunArn       the Map Run that started it, or null for a top-level execution
     */
    record Identity(String arn, String name, String stateMachineArn, ObjectNode contextMachine, String roleArn,
                    String mapRunArn) {
    }

    private final EngineCore engine;
    private final Graph graph;
    private final Identity id;
    private final String inputText;
    private final JsonNode input;
    private final Instant startDate;
    private final HistoryLog history;
    private final List<MapRun> mapRuns = new CopyOnWriteArrayList<>();
    private final Lane mainLane = new Lane(0);

    private volatile ObjectNode contextExecution;
    private volatile ExecutionStatus status = ExecutionStatus.RUNNING;
    private volatile JsonNode outputNode;
    private volatile String output;
    private volatile String error;
    private volatile String cause;
    private volatile Instant stopDate;
    private volatile CountDownLatch finished = new CountDownLatch(1);
    private volatile CountDownLatch unwound = new CountDownLatch(1);
    private volatile Resume stoppedAt;
    private volatile Future<?> runner;
    private volatile Future<?> watchdog;
    private volatile int redriveCount;
    private volatile Instant redriveDate;
    // guarded by this
    private int attempt;
    private ExecutionStatus beforePendingRedrive;
    /** The Map Run worker thread a child's attempt runs on, so StopExecution of the child can wake it. */
    private Thread childThread;
    private boolean interruptedByStop;

    ExecutionImpl(EngineCore engine, Graph graph, Identity id, JsonNode input) {
        this.engine = engine;
        this.graph = graph;
        this.id = id;
        this.input = input;
        this.inputText = input.toString();
        this.startDate = engine.clock().now();
        this.history = new HistoryLog(engine.clock());
        this.contextExecution = contextExecution(0, null);
    }

    private ObjectNode contextExecution(int redrives, Instant redriveTime) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        // the order of AWS's recorded context object (LocalStack's test_context_object snapshot)
        c.put("Id", id.arn());
        c.set("Input", input);
        c.put("StartTime", Times.iso(startDate));
        c.put("Name", id.name());
        c.put("RoleArn", id.roleArn());
        c.put("RedriveCount", redrives);
        if (redriveTime != null) {
            c.put("RedriveTime", Times.iso(redriveTime));
        }
        return c;
    }

    /** Starts the execution on its own (virtual) thread. */
    void launch() {
        runner = engine.executor().submit(this::runHere);
    }

    /** Runs the execution on the calling thread until it ends (Distributed Map children run this way). */
    void runHere() {
        history.add(mainLane, "ExecutionStarted", "executionStartedEventDetails", "input", input, "roleArn",
                id.roleArn());
        runAttempt(0, null, unwound);
    }

    /** One attempt, from the start or from {@code from}; records where it stopped unless it succeeded. */
    private void runAttempt(int attemptNo, Resume from, CountDownLatch done) {
        Trail trail = new Trail();
        if (id.mapRunArn() != null) {
            synchronized (this) {
                childThread = Thread.currentThread();
            }
        }
        if (graph.timeoutSeconds() != null) {
            // AWS: on redrive "the state machine level timeout, if defined, is reset to 0"
            startWatchdog(attemptNo, engine.clock().now().plus(engine.scaledSeconds(graph.timeoutSeconds())));
        }
        try {
            Frame frame = new Frame(this, from == null ? Scope.root() : Scope.restored(from.variables()), mainLane);
            JsonNode out = engine.interpreter().runGraph(graph, input, frame, from, trail);
            complete(attemptNo, ExecutionStatus.SUCCEEDED, out, null, null);
        } catch (StatesError e) {
            complete(attemptNo, ExecutionStatus.FAILED, null, e.error(), e.cause());
        } catch (Aborted | InterruptedException e) {
            // stopped, timed out or the engine closed: the status is already final
            complete(attemptNo, ExecutionStatus.ABORTED, null, null, "Execution interrupted");
        } catch (RuntimeException | Error e) {
            complete(attemptNo, ExecutionStatus.FAILED, null, StatesError.RUNTIME,
                    "Internal error of the local engine: " + e);
        } finally {
            Future<?> w = watchdog;
            if (w != null) {
                w.cancel(true);
            }
            stoppedAt = trail.stop();
            synchronized (this) {
                childThread = null;
                if (interruptedByStop) {
                    // the interrupt was this child's own stop: the Map Run's worker thread goes on with others
                    Thread.interrupted();
                    interruptedByStop = false;
                }
            }
            done.countDown();
        }
    }

    private void startWatchdog(int attemptNo, Instant deadline) {
        watchdog = Watchdog.start(engine, deadline, () -> isRunning(attemptNo), () -> {
            if (complete(attemptNo, ExecutionStatus.TIMED_OUT, null, StatesError.TIMEOUT,
                    "The execution timed out after " + graph.timeoutSeconds() + " seconds")) {
                interruptRunner();
            }
        });
    }

    private synchronized boolean isRunning(int attemptNo) {
        return attempt == attemptNo && status == ExecutionStatus.RUNNING;
    }

    /** Records the end of an attempt once; later attempts to end it (a late result after a stop) are ignored. */
    private boolean complete(int attemptNo, ExecutionStatus end, JsonNode out, String err, String why) {
        CountDownLatch done;
        synchronized (this) {
            if (attempt != attemptNo || status != ExecutionStatus.RUNNING) {
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
                case RUNNING, PENDING_REDRIVE -> throw new IllegalArgumentException(end + " is not an end state");
            }
            this.status = end;
            done = finished;
        }
        done.countDown();
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

    // ---- redrive

    @Override
    public Instant redrive() {
        if (id.mapRunArn() != null) {
            // AWS: a Map Run's children are redriven by redriving the parent workflow (redrive-map-run.html)
            throw new ExecutionNotRedrivableException("Execution was started by the Map Run " + id.mapRunArn()
                    + ": redrive its parent execution to redrive it");
        }
        Instant at;
        int attemptNo;
        CountDownLatch previous;
        CountDownLatch done;
        synchronized (this) {
            String reason = notRedrivableReason();
            if (reason != null) {
                throw new ExecutionNotRedrivableException(reason);
            }
            previous = unwound;
            at = beginRedrive();
            attemptNo = attempt;
            done = unwound;
        }
        engine.started(this);
        try {
            runner = engine.executor().submit(() -> {
                // a stopped or timed-out attempt may still be unwinding (its Map Run aborting children): wait for it
                awaitQuietly(previous);
                logRedriven();
                runAttempt(attemptNo, stoppedAt, done);
            });
        } catch (RejectedExecutionException e) {
            complete(attemptNo, ExecutionStatus.ABORTED, null, "States.Aborted", "The engine was closed");
            throw new IllegalStateException("The engine is closed", e);
        }
        return at;
    }

    /**
     * A Distributed Map's child that did not succeed, rerun by its redriven Map Run on the calling thread: a STANDARD
     * child from the state where it stopped, an EXPRESS one from its first state (AWS starts Express children anew,
     * under the same ARN: redrive-map-run.html).
     */
    void redriveHere(boolean fromTheStart) {
        int attemptNo;
        CountDownLatch done;
        synchronized (this) {
            if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
                throw new IllegalStateException("child " + id.arn() + " is " + status);
            }
            beginRedrive();
            attemptNo = attempt;
            done = unwound;
        }
        logRedriven();
        runAttempt(attemptNo, fromTheStart ? null : stoppedAt, done);
    }

    /** Under the lock: the execution is RUNNING again, one redrive more. */
    private Instant beginRedrive() {
        Instant at = engine.clock().now();
        attempt++;
        redriveCount++;
        redriveDate = at;
        contextExecution = contextExecution(redriveCount, at);
        output = null;
        outputNode = null;
        error = null;
        cause = null;
        stopDate = null;
        beforePendingRedrive = null;
        finished = new CountDownLatch(1);
        unwound = new CountDownLatch(1);
        status = ExecutionStatus.RUNNING;
        return at;
    }

    private void logRedriven() {
        history.add(mainLane, "ExecutionRedriven", "executionRedrivenEventDetails", "redriveCount", redriveCount);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A child its redriven Map Run will rerun, waiting for a free slot (AWS: the "Pending redrive" state). */
    synchronized void markPendingRedrive() {
        if (status == ExecutionStatus.FAILED || status == ExecutionStatus.ABORTED
                || status == ExecutionStatus.TIMED_OUT) {
            beforePendingRedrive = status;
            status = ExecutionStatus.PENDING_REDRIVE;
        }
    }

    /** The Map Run ended before this child's turn: it keeps the status of its last attempt. */
    synchronized void cancelPendingRedrive() {
        if (status == ExecutionStatus.PENDING_REDRIVE) {
            status = beforePendingRedrive;
            beforePendingRedrive = null;
        }
    }

    /** Why AWS would refuse RedriveExecution now, or null. */
    private synchronized String notRedrivableReason() {
        return RedriveRules.notRedrivableReason(facts());
    }

    private synchronized RedriveRules.Facts facts() {
        return new RedriveRules.Facts(id.mapRunArn() != null, status, startDate, stopDate, history.size(),
                engine.clock().now());
    }

    @Override
    public RedriveStatus redriveStatus() {
        return RedriveRules.status(facts());
    }

    @Override
    public Optional<String> redriveStatusReason() {
        return Optional.ofNullable(notRedrivableReason());
    }

    @Override
    public int redriveCount() {
        return redriveCount;
    }

    @Override
    public Optional<Instant> redriveDate() {
        return Optional.ofNullable(redriveDate);
    }

    @Override
    public Optional<String> mapRunArn() {
        return Optional.ofNullable(id.mapRunArn());
    }

    // ---- internals the interpreter reads

    /** TestState's {@code context}: the members it gives replace the engine's ({@code Execution} and others). */
    private ObjectNode contextOverride;

    void overrideContext(ObjectNode members) {
        contextOverride = members;
    }

    ObjectNode contextOverride() {
        return contextOverride;
    }

    EngineCore engine() {
        return engine;
    }

    String roleArn() {
        return id.roleArn();
    }

    HistoryLog log() {
        return history;
    }

    ObjectNode contextExecution() {
        return contextExecution;
    }

    ObjectNode contextStateMachine() {
        return id.contextMachine();
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

    // ---- Execution

    @Override
    public String arn() {
        return id.arn();
    }

    @Override
    public String name() {
        return id.name();
    }

    @Override
    public String stateMachineArn() {
        return id.stateMachineArn();
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
        int attemptNo;
        synchronized (this) {
            attemptNo = attempt;
        }
        if (complete(attemptNo, ExecutionStatus.ABORTED, null, err, why)) {
            interruptRunner();
            synchronized (this) {
                if (childThread != null) {
                    interruptedByStop = true;
                    childThread.interrupt();
                }
            }
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
        return "Execution[" + id.arn() + " " + status + "]";
    }
}
