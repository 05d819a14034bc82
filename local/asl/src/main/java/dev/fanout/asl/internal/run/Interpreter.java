package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.internal.expr.ChoiceRules;
import dev.fanout.asl.internal.expr.EvaluationException;
import dev.fanout.asl.internal.expr.Intrinsics;
import dev.fanout.asl.internal.expr.Jsonata;
import dev.fanout.asl.internal.model.ChoiceRule;
import dev.fanout.asl.internal.model.ChoiceState;
import dev.fanout.asl.internal.model.FailState;
import dev.fanout.asl.internal.model.Graph;
import dev.fanout.asl.internal.model.MapState;
import dev.fanout.asl.internal.model.ParallelState;
import dev.fanout.asl.internal.model.PassState;
import dev.fanout.asl.internal.model.State;
import dev.fanout.asl.internal.model.SucceedState;
import dev.fanout.asl.internal.model.TaskState;
import dev.fanout.asl.internal.model.WaitState;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Runs a graph of states on the calling thread: one loop iteration per state transition, no thread hops and no
 * JSON (de)serialization between states.
 */
final class Interpreter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final EngineCore engine;
    private final Retries retries;
    private final TaskRunner tasks;
    private final MapRunner maps;

    Interpreter(EngineCore engine) {
        this.engine = engine;
        this.retries = new Retries(engine);
        this.tasks = new TaskRunner(engine);
        this.maps = new MapRunner(engine, this);
    }

    /** A transition: the state's output and the next state's name (null: the graph ends). */
    record Step(JsonNode output, String next) {}

    JsonNode runGraph(Graph graph, JsonNode input, Frame frame) throws InterruptedException {
        return runGraph(graph, input, frame, null, new Trail());
    }

    /**
     * Runs a graph from its start, or from where a stopped attempt left it ({@code from}: a redrive). When it stops
     * on an error, a stop or a timeout, {@code trail} says where.
     */
    JsonNode runGraph(Graph graph, JsonNode input, Frame frame, Resume from, Trail trail) throws InterruptedException {
        State state = graph.state(from == null ? graph.startAt() : from.state());
        JsonNode data = from == null ? input : from.input();
        Resume resume = from;
        while (true) {
            try {
                frame.execution().checkRunning();
            } catch (Aborted e) {
                // stopped before the state ran: a redrive starts it (with what a resumed state had kept)
                trail.stop(resume != null ? resume : new Resume(state.name(), data, frame.scope().snapshot(), null,
                        null));
                throw e;
            }
            Step step = runState(state, data, frame, resume, trail);
            resume = null;
            if (step.next() == null) {
                return step.output();
            }
            state = graph.state(step.next());
            data = step.output();
        }
    }

    private Step runState(State state, JsonNode raw, Frame frame, Resume from, Trail trail)
            throws InterruptedException {
        HistoryLog log = frame.execution().log();
        Instant entered = engine.clock().now();
        long enteredId = log.add(frame.lane(), EventTypes.entered(state), "stateEnteredEventDetails", "name",
                state.name(), "input", raw);
        StateRun run = new StateRun(state, frame, raw, entered, enteredId, from);
        Step step;
        try {
            try {
                step = switch (state) {
                    case PassState s -> pass(s, run);
                    case ChoiceState s -> choice(s, run);
                    case WaitState s -> waitState(s, run);
                    case SucceedState s -> succeed(run);
                    case FailState s -> fail(s, run);
                    case TaskState s -> retries.run(run, s.errors(), () -> tasks.run(s, run));
                    case ParallelState s -> retries.run(run, s.errors(), () -> parallel(s, run));
                    case MapState s -> retries.run(run, s.errors(), () -> maps.run(s, run));
                };
            } catch (EvaluationException e) {
                throw StatesError.of(e);
            }
            Payloads.check(step.output(), state.name());
        } catch (StatesError e) {
            trail.stop(stoppedAt(run, e.error()));
            throw run.decorate(e);
        } catch (InterruptedException | RuntimeException e) {
            trail.stop(stoppedAt(run, null));
            throw e;
        }
        log.add(frame.lane(), EventTypes.exited(state), "stateExitedEventDetails", "name", state.name(),
                "output", step.output(), "assignedVariables", run.assigned());
        return step;
    }

    /** Where a redrive enters again: this state, its input and the variables before it (it assigned none). */
    private static Resume stoppedAt(StateRun run, String error) {
        Object kept = StatesError.DATA_LIMIT_EXCEEDED.equals(error) ? null : run.keptForRedrive();
        return new Resume(run.state.name(), run.raw, run.frame.scope().snapshot(), error, kept);
    }

    private Step pass(PassState s, StateRun run) {
        if (run.jsonata()) {
            return new Step(run.finishJsonata(s.common().assign(), run.io().output()), s.common().next());
        }
        JsonNode effective = run.inputPath();
        JsonNode result = s.result() != null ? s.result()
                : run.io().parameters() != null
                ? dev.fanout.asl.internal.expr.JsonPathSupport.evaluateTemplate(run.io().parameters(), run.ec(effective))
                : effective;
        Map<String, JsonNode> vars = run.evaluateAssign(s.common().assign(), result, null);
        JsonNode placed = dev.fanout.asl.internal.expr.JsonPathSupport.applyResultPath(run.raw,
                run.io().resultPath(), result);
        Probe probe = run.probe();
        if (probe != null) {
            // as AWS's recorded TestState answers show a Pass: with Result, no InputPath/Parameters steps
            if (s.result() != null) {
                probe.afterInputPath = null;
                probe.result = result;
            } else {
                probe.afterParameters = result;
            }
            probe.afterResultSelector = result;
            probe.afterResultPath = placed;
        }
        JsonNode out = run.outputPath(placed);
        run.assign(vars);
        return new Step(out, s.common().next());
    }

    private Step choice(ChoiceState s, StateRun run) {
        if (run.jsonata()) {
            for (ChoiceRule rule : s.choices()) {
                if (Jsonata.condition(rule.condition(), run.jb(null, null))) {
                    JsonNode assign = rule.assign() != null ? rule.assign() : s.common().assign();
                    JsonNode output = rule.output() != null ? rule.output() : run.io().output();
                    return new Step(run.finishJsonata(assign, output), rule.next());
                }
            }
            if (s.defaultNext() == null) {
                throw noChoice(s.name());
            }
            return new Step(run.finishJsonata(s.common().assign(), run.io().output()), s.defaultNext());
        }
        JsonNode effective = run.inputPath();
        var ctx = run.ec(effective);
        for (ChoiceRule rule : s.choices()) {
            if (ChoiceRules.matches(rule.rule(), ctx)) {
                return choiceStep(run, effective, rule.assign() != null ? rule.assign() : s.common().assign(),
                        rule.next());
            }
        }
        if (s.defaultNext() == null) {
            throw noChoice(s.name());
        }
        return choiceStep(run, effective, s.common().assign(), s.defaultNext());
    }

    private static Step choiceStep(StateRun run, JsonNode effective, JsonNode assign, String next) {
        Map<String, JsonNode> vars = run.evaluateAssign(assign, effective, null);
        JsonNode out = run.outputPath(effective);
        run.assign(vars);
        return new Step(out, next);
    }

    private static StatesError noChoice(String state) {
        return new StatesError(StatesError.NO_CHOICE_MATCHED, "No Choice Rule of the state '" + state
                + "' matched its input, and the state has no Default");
    }

    private Step waitState(WaitState s, StateRun run) throws InterruptedException {
        JsonNode effective = run.jsonata() ? run.raw : run.inputPath();
        Instant until;
        if (s.seconds().present()) {
            Long seconds = s.seconds().path() != null && !Intrinsics.isIntrinsic(s.seconds().path())
                    ? WaitPaths.seconds(s.seconds().path(), run.ec(effective))
                    : Dynamics.integer(s.seconds(), run, effective, 0, 99_999_999);
            until = engine.clock().now().plus(engine.scaledSeconds(seconds));
        } else {
            Instant timestamp;
            if (s.timestamp().path() != null && !Intrinsics.isIntrinsic(s.timestamp().path())) {
                timestamp = WaitPaths.timestamp(s.timestamp().path(), run.ec(effective));
            } else {
                String ts = Dynamics.string(s.timestamp(), run, effective);
                try {
                    timestamp = OffsetDateTime.parse(ts).toInstant();
                } catch (DateTimeParseException e) {
                    throw new StatesError(run.jsonata() ? StatesError.QUERY_EVALUATION : StatesError.RUNTIME,
                            "The value for the field 'Timestamp' must be a valid ISO-8601 timestamp, but was '"
                                    + ts + "'");
                }
            }
            // the time left until the timestamp is what the time scale shortens; a past timestamp does not wait
            Instant now = engine.clock().now();
            until = timestamp.isAfter(now) ? now.plus(engine.scaled(Duration.between(now, timestamp))) : now;
        }
        if (!run.testing()) { // TestState answers a Wait at once
            sleepUntil(run.frame.execution(), until);
        }
        if (run.jsonata()) {
            return new Step(run.finishJsonata(s.common().assign(), run.io().output()), s.common().next());
        }
        Map<String, JsonNode> vars = run.evaluateAssign(s.common().assign(), effective, null);
        JsonNode out = run.outputPath(effective);
        run.assign(vars);
        return new Step(out, s.common().next());
    }

    /** Waits on the engine clock (Wait states, retry intervals). */
    void sleepUntil(ExecutionImpl ex, Instant until) throws InterruptedException {
        Object monitor = new Object();
        synchronized (monitor) {
            while (engine.clock().now().isBefore(until)) {
                ex.checkRunning();
                engine.clock().waitUntil(monitor, until);
            }
        }
    }

    private Step succeed(StateRun run) {
        if (run.jsonata()) {
            return new Step(run.finishJsonata(null, run.io().output()), null);
        }
        return new Step(run.outputPath(run.inputPath()), null);
    }

    private Step fail(FailState s, StateRun run) {
        if (run.probe() != null && !run.jsonata()) {
            run.probe().afterInputPath = run.raw;
        }
        String error = Dynamics.string(s.error(), run, run.raw);
        String cause = Dynamics.string(s.cause(), run, run.raw);
        throw StatesError.reported(error, cause);
    }

    private JsonNode parallel(ParallelState s, StateRun run) throws InterruptedException {
        JsonNode input = run.effectiveInput();
        if (run.probe() != null) {
            return run.finish(run.probe().mockedResult()); // TestState runs a Parallel with a mock only
        }
        Frame frame = run.frame;
        HistoryLog log = frame.execution().log();
        int n = s.branches().size();
        BranchMemory prior = run.takePrior(BranchMemory.class);
        BranchMemory now = BranchMemory.resumeOrFresh(prior, n);
        run.memory(now);
        log.add(frame.lane(), "ParallelStateStarted", null);
        JsonNode[] results;
        try {
            results = Fork.run(engine.executor(), n, i -> {
                if (now.results()[i] != null) {
                    return now.results()[i]; // succeeded before a redrive: not rerun
                }
                Resume from = BranchMemory.stopOf(prior, i, n);
                return runGraph(s.branches().get(i), input, frame.resumed(from), from, now.trails()[i]);
            }, now.results());
        } catch (StatesError e) {
            log.add(frame.lane(), "ParallelStateFailed", null);
            throw e;
        }
        ArrayNode array = NODES.arrayNode(results.length);
        for (JsonNode r : results) {
            array.add(r);
        }
        log.add(frame.lane(), "ParallelStateSucceeded", null);
        return run.finish(array);
    }

    /**
     * TestState: one attempt of one state, without Retry or Catch (the caller classifies the error); throws the
     * state's error.
     */
    Step once(State state, StateRun run) throws InterruptedException {
        try {
            Step step = switch (state) {
                case PassState s -> pass(s, run);
                case ChoiceState s -> choice(s, run);
                case WaitState s -> waitState(s, run);
                case SucceedState s -> succeed(run);
                case FailState s -> fail(s, run);
                case TaskState s -> new Step(tasks.run(s, run), s.common().next());
                case ParallelState s -> new Step(parallel(s, run), s.common().next());
                case MapState s -> new Step(maps.run(s, run), s.common().next());
            };
            Payloads.check(step.output(), state.name());
            return step;
        } catch (EvaluationException e) {
            throw StatesError.of(e);
        }
    }

    static ObjectNode errorOutput(StatesError e) {
        ObjectNode o = NODES.objectNode();
        if (e.error() != null) {
            o.put("Error", e.error());
        }
        if (e.cause() != null) {
            o.put("Cause", e.cause());
        }
        return o;
    }
}
