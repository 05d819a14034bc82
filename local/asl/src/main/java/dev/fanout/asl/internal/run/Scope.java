package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Variables visible to one thread of control, plus the {@code $$.Map.Item} of the iteration it runs.
 * An inner scope (branch, iteration) sees the enclosing scope's variables; what it assigns stays inside.
 * Used by one thread at a time.
 */
final class Scope {
    private final Map<String, JsonNode> outer;
    private final ObjectNode mapItem;
    private Map<String, JsonNode> local;
    private Map<String, JsonNode> merged;

    private Scope(Map<String, JsonNode> outer, ObjectNode mapItem) {
        this.outer = outer;
        this.mapItem = mapItem;
    }

    static Scope root() {
        return new Scope(Map.of(), null);
    }

    /** A scope for a branch or iteration, seeing (but not sharing) this one's variables. */
    Scope inner(ObjectNode mapItem) {
        Map<String, JsonNode> visible = variables();
        return new Scope(visible.isEmpty() ? Map.of() : visible, mapItem != null ? mapItem : this.mapItem);
    }

    /** {@code {"Index":..., "Value":...}} inside a Map iteration, else null. */
    ObjectNode mapItem() {
        return mapItem;
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
