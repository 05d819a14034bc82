package dev.fanout.asl.internal.model;

/** One parsed state. Records only: the interpreter switches over them exhaustively. */
public sealed interface State
        permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {

    Common common();

    default String name() {
        return common().name();
    }

    default QueryLanguage language() {
        return common().language();
    }

    /** The {@code Type} value, e.g. {@code Pass}: history event names start with it. */
    default String type() {
        return common().type();
    }
}
