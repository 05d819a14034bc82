package dev.fanout.asl.internal.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A set of states with an entry point: the top-level machine, a Parallel branch or a Map's ItemProcessor.
 *
 * @param timeoutSeconds top-level {@code TimeoutSeconds}, or null
 */
public record Graph(String startAt, Map<String, State> states, Integer timeoutSeconds) {
    public Graph {
        Objects.requireNonNull(startAt, "startAt");
        states = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    public State state(String name) {
        State s = states.get(name);
        if (s == null) {
            throw new IllegalStateException("no state named " + name);
        }
        return s;
    }
}
