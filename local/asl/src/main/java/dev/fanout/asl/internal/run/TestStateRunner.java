package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.TestStateRequest;
import dev.fanout.asl.TestStateResult;
import dev.fanout.asl.internal.model.Catcher;
import dev.fanout.asl.internal.model.ChoiceState;
import dev.fanout.asl.internal.model.ErrorHandling;
import dev.fanout.asl.internal.model.Graph;
import dev.fanout.asl.internal.model.MapState;
import dev.fanout.asl.internal.model.ParallelState;
import dev.fanout.asl.internal.model.Retrier;
import dev.fanout.asl.internal.model.State;
import dev.fanout.asl.internal.model.TaskState;
import dev.fanout.asl.internal.parse.DefinitionParser;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * TestState (API_TestState): one attempt of one state, outside any execution. The state's error is classified the
 * way its Retry and Catch would handle it: RETRIABLE when a Retrier would retry it (given
 * {@code retrierRetryCount} earlier retries), CAUGHT_ERROR when a Catcher catches it, else FAILED.
 */
final class TestStateRunner {
    static final String DEFAULT_NAME = "TestState";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final EngineCore engine;

    TestStateRunner(EngineCore engine) {
        this.engine = engine;
    }

    TestStateResult run(TestStateRequest request) throws InterruptedException {
        JsonNode definition = json(request.definition(), "definition", false);
        String name;
        Graph graph;
        if (definition.isObject() && definition.has("States")) {
            if (request.stateName() == null) {
                throw new IllegalArgumentException("stateName is required when the definition is a state machine");
            }
            name = request.stateName();
            graph = DefinitionParser.parse(request.definition());
        } else {
            if (!definition.isObject() || !definition.has("Type")) {
                throw new IllegalArgumentException("The definition must be a state (with 'Type') or a state machine "
                        + "(with 'States')");
            }
            name = request.stateName() == null ? DEFAULT_NAME : request.stateName();
            graph = DefinitionParser.parse(alone(name, (ObjectNode) definition).toString());
        }
        State state = graph.states().get(name);
        if (state == null) {
            throw new IllegalArgumentException("The state machine has no state named '" + name + "'");
        }
        JsonNode input = json(request.input() == null ? "{}" : request.input(), "input", true);
        Map<String, JsonNode> variables = variables(request.variables());
        ExecutionImpl ex = execution(request, input);
        Frame frame = new Frame(ex, Scope.restored(variables), new Lane(0));
        Probe probe = new Probe(request.mock(), request.stateConfiguration());
        StateRun run = new StateRun(state, frame, input, engine.clock().now(), 0, null);
        run.probe(probe);
        boolean inspect = request.inspectionLevel() != null
                && request.inspectionLevel() != TestStateRequest.InspectionLevel.INFO;
        try {
            Interpreter.Step step = engine.interpreter().once(state, run);
            String next = step.next();
            return new TestStateResult(TestStateResult.Status.SUCCEEDED, text(step.output()), null, null, next,
                    inspect ? inspection(run, probe, null) : null);
        } catch (StatesError e) {
            return failed(state, run, probe, e, inspect);
        }
    }

    private TestStateResult failed(State state, StateRun run, Probe probe, StatesError e, boolean inspect) {
        ErrorHandling handling = switch (state) {
            case TaskState t -> t.errors();
            case ParallelState p -> p.errors();
            case MapState m -> m.errors();
            default -> ErrorHandling.NONE;
        };
        if (!e.terminal()) {
            int r = Retries.firstRetrier(handling, e);
            if (r >= 0 && probe.retrierRetryCount() < handling.retriers().get(r).maxAttempts()) {
                var details = new TestStateResult.ErrorDetails(null, r,
                        backoffSeconds(handling.retriers().get(r), probe.retrierRetryCount()));
                return new TestStateResult(TestStateResult.Status.RETRIABLE, null, e.error(), e.cause(), null,
                        inspect ? inspection(run, probe, details) : null);
            }
            for (int i = 0; i < handling.catchers().size(); i++) {
                Catcher c = handling.catchers().get(i);
                if (e.matchedBy(c.errorEquals())) {
                    Interpreter.Step step = Retries.caught(run, c, e);
                    var details = new TestStateResult.ErrorDetails(i, null, null);
                    return new TestStateResult(TestStateResult.Status.CAUGHT_ERROR, text(step.output()), e.error(),
                            e.cause(), step.next(), inspect ? inspection(run, probe, details) : null);
                }
            }
        }
        return new TestStateResult(TestStateResult.Status.FAILED, null, e.error(), e.cause(), null,
                inspect ? inspection(run, probe, null) : null);
    }

    /** IntervalSeconds × BackoffRate^retries, capped by MaxDelaySeconds: the Retrier's wait before the next attempt. */
    private static int backoffSeconds(Retrier r, int retries) {
        double seconds = r.intervalSeconds() * Math.pow(r.backoffRate(), retries);
        if (r.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, r.maxDelaySeconds());
        }
        return (int) Math.min(seconds, Integer.MAX_VALUE);
    }

    private static TestStateResult.InspectionData inspection(StateRun run, Probe p,
                                                             TestStateResult.ErrorDetails details) {
        Map<String, JsonNode> vars = run.frame.scope().variables();
        String variables = null;
        if (!vars.isEmpty()) {
            ObjectNode v = NODES.objectNode();
            new java.util.TreeMap<>(vars).forEach(v::set);
            variables = v.toString();
        }
        return new TestStateResult.InspectionData(text(run.raw), text(p.afterArguments), text(p.afterInputPath),
                text(p.afterParameters), text(p.result), text(p.afterResultSelector), text(p.afterResultPath),
                variables, details, text(p.afterItemsPath), text(p.afterItemSelector), text(p.afterItemBatcher),
                p.toleratedFailureCount, p.toleratedFailurePercentage, p.maxConcurrency);
    }

    /**
     * A single state as a machine of its own: it starts there, and each state it names (Next, Default, a Choice
     * rule's or a Catcher's Next) is a Succeed state, so the definition validates as CreateStateMachine would.
     */
    private static ObjectNode alone(String name, ObjectNode state) {
        ObjectNode machine = NODES.objectNode();
        machine.put("StartAt", name);
        ObjectNode states = machine.putObject("States");
        states.set(name, state);
        addTarget(states, state.get("Next"));
        addTarget(states, state.get("Default"));
        for (String list : new String[] {"Choices", "Catch"}) {
            JsonNode items = state.get(list);
            if (items != null && items.isArray()) {
                items.forEach(item -> addTarget(states, item.get("Next")));
            }
        }
        return machine;
    }

    private static void addTarget(ObjectNode states, JsonNode next) {
        if (next != null && next.isTextual() && !states.has(next.textValue())) {
            states.putObject(next.textValue()).put("Type", "Succeed");
        }
    }

    private ExecutionImpl execution(TestStateRequest request, JsonNode input) {
        String machineArn = "arn:aws:states:" + engine.region() + ":" + engine.accountId() + ":stateMachine:"
                + DEFAULT_NAME;
        String name = UUID.randomUUID().toString();
        String arn = "arn:aws:states:" + engine.region() + ":" + engine.accountId() + ":execution:" + DEFAULT_NAME
                + ":" + name;
        ObjectNode machine = NODES.objectNode().put("Id", machineArn).put("Name", DEFAULT_NAME);
        ExecutionImpl ex = new ExecutionImpl(engine, new Graph(DEFAULT_NAME, Map.of(), null),
                new ExecutionImpl.Identity(arn, name, machineArn, machine, engine.defaultRoleArn(), null), input);
        if (request.context() != null) {
            JsonNode context = json(request.context(), "context", false);
            if (!context.isObject()) {
                throw new IllegalArgumentException("context must be a JSON object");
            }
            ex.overrideContext((ObjectNode) context);
        }
        return ex;
    }

    private static Map<String, JsonNode> variables(String text) {
        if (text == null) {
            return Map.of();
        }
        JsonNode v = json(text, "variables", false);
        if (!v.isObject()) {
            throw new IllegalArgumentException("variables must be a JSON object");
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static JsonNode json(String text, String what, boolean input) {
        try {
            JsonNode node = Payloads.MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new JsonProcessingException("No content") {
                };
            }
            return node;
        } catch (JsonProcessingException e) {
            String message = "The " + what + " is not valid JSON: " + e.getOriginalMessage();
            if (input) {
                throw new TestStateRequest.InvalidInputException(message);
            }
            if (what.equals("definition")) {
                throw new dev.fanout.asl.InvalidDefinitionException("Invalid State Machine Definition: "
                        + "'INVALID_JSON_DESCRIPTION: " + e.getOriginalMessage() + "'");
            }
            throw new IllegalArgumentException(message);
        }
    }

    private static String text(JsonNode node) {
        return node == null ? null : node.toString();
    }
}
