package dev.fanout.asl.internal.model;

import java.util.List;

/** Choice: rules in order, and the {@code Default} target (null if none). */
public record ChoiceState(Common common, List<ChoiceRule> choices, String defaultNext) implements State {
    public ChoiceState {
        choices = List.copyOf(choices);
    }
}
