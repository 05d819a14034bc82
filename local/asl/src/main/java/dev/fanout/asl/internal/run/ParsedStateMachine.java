package dev.fanout.asl.internal.run;

import dev.fanout.asl.StateMachine;
import dev.fanout.asl.internal.model.Graph;

/** A validated definition and its parsed graph. */
public record ParsedStateMachine(String definition, Graph graph) implements StateMachine {
    @Override
    public String startAt() {
        return graph.startAt();
    }
}
