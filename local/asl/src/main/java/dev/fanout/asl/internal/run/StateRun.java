package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.asl.internal.expr.EvalContext;
import dev.fanout.asl.internal.expr.JsonPathSupport;
import dev.fanout.asl.internal.expr.Jsonata;
import dev.fanout.asl.internal.expr.JsonataBindings;
import dev.fanout.asl.internal.model.Io;
import dev.fanout.asl.internal.model.QueryLanguage;
import dev.fanout.asl.internal.model.State;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One visit of a state: its raw input, context object and the input/output processing of both query languages.
 * JSONPath: InputPath → Parameters → (work) → ResultSelector → ResultPath → OutputPath.
 * JSONata: Arguments → (work) → Output, with {@code $states.input/result/errorOutput/context}.
 */
final class StateRun {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final State state;
    final Frame frame;
    final JsonNode raw;
    private final Instant entered;
    private final long enteredEventId;
    private int retryCount;
    private String token;
    private JsonNode context;
    private Map<String, JsonNode> assigned;
    private Object prior;
    private final String priorError;
    private Object memory;
    /** Set for a TestState run only. */
    private Probe probe;

    StateRun(State state, Frame frame, JsonNode raw, Instant entered, long enteredEventId, Resume from) {
        this.state = state;
        this.frame = frame;
        this.raw = raw;
        this.entered = entered;
        this.enteredEventId = enteredEventId;
        // a States.DataLimitExceeded failure reruns the state whole, successful branches included (AWS's redrive table)
        this.prior = from == null || StatesError.DATA_LIMIT_EXCEEDED.equals(from.error()) ? null : from.memory();
        this.priorError = from == null ? null : from.error();
    }

    /** The error the stopped attempt this visit resumes ended with (null: none, or stopped). */
    String priorError() {
        return priorError;
    }

    /**
     * What the stopped attempt this visit resumes kept (see {@link Resume}), if of the given type; only the first
     * attempt of the visit gets it, a Retry runs the state afresh.
     */
    <T> T takePrior(Class<T> type) {
        Object p = prior;
        prior = null;
        return type.isInstance(p) ? type.cast(p) : null;
    }

    /** Keeps what the current attempt did, for a redrive if the state does not succeed. */
    void memory(Object kept) {
        memory = kept;
    }

    /** What a redrive of this visit resumes with: this attempt's memory, or the untouched prior one. */
    Object keptForRedrive() {
        return memory != null ? memory : prior;
    }

    boolean jsonata() {
        return state.language() == QueryLanguage.JSONATA;
    }

    Io io() {
        return state.common().io();
    }

    void retried() {
        retryCount++;
        context = null;
    }

    int retryCount() {
        return retryCount;
    }

    void token(String t) {
        token = t;
        context = null;
    }

    JsonNode context() {
        if (!state.common().usesContext() && probe == null) {
            return NullNode.getInstance();
        }
        if (context == null) {
            ExecutionImpl ex = frame.execution();
            // members in the order of AWS's recorded context object (LocalStack's test_context_object snapshot):
            // its State has Name and EnteredTime only; RetryCount (documented) is given to states that can retry
            ObjectNode c = NODES.objectNode();
            c.set("Execution", ex.contextExecution());
            c.set("StateMachine", ex.contextStateMachine());
            ObjectNode s = c.putObject("State");
            s.put("Name", state.name());
            s.put("EnteredTime", Times.iso(entered));
            if (canRetry()) {
                s.put("RetryCount", retryCount);
            }
            if (token != null) {
                c.putObject("Task").put("Token", token);
            }
            if (ex.contextOverride() != null) {
                c.setAll(ex.contextOverride());
            }
            context = c;
        }
        return context;
    }

    private boolean canRetry() {
        return switch (state) {
            case dev.fanout.asl.internal.model.TaskState t -> !t.errors().retriers().isEmpty();
            case dev.fanout.asl.internal.model.ParallelState p -> !p.errors().retriers().isEmpty();
            case dev.fanout.asl.internal.model.MapState m -> !m.errors().retriers().isEmpty();
            default -> false;
        };
    }

    /** The error as it leaves this state, with AWS's prefix naming the state and its entered event. */
    StatesError decorate(StatesError e) {
        // a TestState answer's causes: AWS's wording for them is not recorded anywhere we know; left undecorated
        return probe != null ? e : e.decorated(state.name(), enteredEventId);
    }

    /** Makes this a TestState run: one attempt, recorded step by step, Wait states not waited. */
    void probe(Probe p) {
        probe = p;
    }

    /** The TestState probe, or null in an execution. */
    Probe probe() {
        return probe;
    }

    boolean testing() {
        return probe != null;
    }

    EvalContext ec(JsonNode input) {
        return new EvalContext(input, context(), frame.scope().variables());
    }

    JsonataBindings jb(JsonNode result, JsonNode errorOutput) {
        return new JsonataBindings(raw, context(), result, errorOutput, frame.scope().variables());
    }

    /** JSONPath InputPath applied to the raw input. */
    JsonNode inputPath() {
        String p = io().inputPath();
        if (p == null) {
            return NODES.objectNode();
        }
        JsonNode in = Io.ROOT.equals(p) ? raw : JsonPathSupport.read(p, ec(raw));
        if (probe != null) {
            probe.afterInputPath = in;
        }
        return in;
    }

    /** What the state works on: InputPath + Parameters, or JSONata Arguments (default: the raw input). */
    JsonNode effectiveInput() {
        if (jsonata()) {
            JsonNode args = io().arguments() == null ? raw
                    : Jsonata.evaluate(io().arguments(), jb(null, null), "Arguments");
            if (probe != null && io().arguments() != null) {
                probe.afterArguments = args;
            }
            return args;
        }
        JsonNode in = inputPath();
        JsonNode params = io().parameters() == null ? in : JsonPathSupport.evaluateTemplate(io().parameters(), ec(in));
        if (probe != null) {
            probe.afterParameters = params;
        }
        return params;
    }

    /** JSONPath OutputPath. */
    JsonNode outputPath(JsonNode value) {
        String p = io().outputPath();
        if (p == null) {
            return NODES.objectNode();
        }
        return Io.ROOT.equals(p) ? value : JsonPathSupport.read(p, ec(value));
    }

    /**
     * Task, Parallel and Map: turns the result into the state output and assigns variables.
     * JSONPath Assign sees the result after ResultSelector as {@code $}.
     */
    JsonNode finish(JsonNode result) {
        if (probe != null) {
            probe.result = result;
        }
        if (jsonata()) {
            JsonataBindings b = jb(result, null);
            Map<String, JsonNode> vars = evaluateAssign(state.common().assign(), null, b);
            JsonNode out = io().output() == null ? result : Jsonata.evaluate(io().output(), b, "Output");
            assign(vars);
            return out;
        }
        JsonNode selected = io().resultSelector() == null ? result
                : JsonPathSupport.evaluateTemplate(io().resultSelector(), ec(result));
        Map<String, JsonNode> vars = evaluateAssign(state.common().assign(), selected, null);
        JsonNode placed = JsonPathSupport.applyResultPath(raw, io().resultPath(), selected);
        if (probe != null) {
            probe.afterResultSelector = selected;
            probe.afterResultPath = placed;
        }
        JsonNode out = outputPath(placed);
        assign(vars);
        return out;
    }

    /** Pass, Wait, Succeed, Choice (JSONata): Output (default: the raw input) and Assign. */
    JsonNode finishJsonata(JsonNode assignField, JsonNode outputField) {
        JsonataBindings b = jb(null, null);
        Map<String, JsonNode> vars = evaluateAssign(assignField, null, b);
        JsonNode out = outputField == null ? raw : Jsonata.evaluate(outputField, b, "Output");
        assign(vars);
        return out;
    }

    /** Evaluates an Assign field: a JSONPath template over {@code dollar}, or JSONata with {@code bindings}. */
    Map<String, JsonNode> evaluateAssign(JsonNode assignField, JsonNode dollar, JsonataBindings bindings) {
        if (assignField == null) {
            return Map.of();
        }
        JsonNode values = jsonata() ? Jsonata.evaluate(assignField, bindings, "Assign")
                : JsonPathSupport.evaluateTemplate(assignField, ec(dollar));
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = values.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Assignments take effect together, after every value was computed with the old ones. */
    void assign(Map<String, JsonNode> vars) {
        if (!vars.isEmpty()) {
            frame.scope().assign(vars);
            assigned = vars;
        }
    }

    /** The variables this visit assigned (for the StateExited event), or null. */
    Map<String, JsonNode> assigned() {
        return assigned;
    }
}
