package dev.fanout.asl;

/**
 * A parsed and validated definition. Immutable; one instance may run any number of executions.
 * Obtain it from {@link AslEngine#parse(String)}.
 */
public interface StateMachine {
    /** The definition as given (JSON text). */
    String definition();

    /** The top-level {@code StartAt} state name. */
    String startAt();
}
