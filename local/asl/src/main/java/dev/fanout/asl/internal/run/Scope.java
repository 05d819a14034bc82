package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Variables visible to one thread of control. An inner scope (branch, iteration) sees the enclosing scope's
 * variables; what it assigns stays inside. Used by one thread at a time.
 */
final class Scope {
    private final Map<String, JsonNode> outer;
    private Map<String, JsonNode> local;
    private Map<String, JsonNode> merged;

    private Scope(Map<String, JsonNode> outer) {
        this.outer = outer;
    }

    static Scope root() {
        return new Scope(Map.of());
    }

    /** A scope that starts with the variables a stopped lane had (a redrive resumes with them). */
    static Scope restored(Map<String, JsonNode> variables) {
        return new Scope(variables == null || variables.isEmpty() ? Map.of() : variables);
    }

    /** The variables visible now, copied (for a redrive). */
    Map<String, JsonNode> snapshot() {
        Map<String, JsonNode> v = variables();
        return v.isEmpty() ? Map.of() : Map.copyOf(v);
    }

    /** A scope for a branch or iteration, seeing (but not sharing) this one's variables. */
    Scope inner() {
        Map<String, JsonNode> visible = variables();
        return new Scope(visible.isEmpty() ? Map.of() : visible);
    }

    Map<String, JsonNode> variables() {
        if (local == null) {
            return outer;
        }
        if (outer.isEmpty()) {
            return Collections.unmodifiableMap(local);
        }
        if (merged == null) {
            Map<String, JsonNode> m = new HashMap<>(outer);
            m.putAll(local);
            merged = Collections.unmodifiableMap(m);
        }
        return merged;
    }

    void assign(Map<String, JsonNode> values) {
        if (values.isEmpty()) {
            return;
        }
        if (local == null) {
            local = new HashMap<>();
        }
        local.putAll(values);
        merged = null;
    }
}
