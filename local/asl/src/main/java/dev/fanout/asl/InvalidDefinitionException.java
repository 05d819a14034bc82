package dev.fanout.asl;

/**
 * The definition would be rejected by CreateStateMachine ({@code InvalidDefinition}).
 * The message lists the problems, in the style of AWS's validation messages.
 */
public class InvalidDefinitionException extends RuntimeException {
    public InvalidDefinitionException(String message) {
        super(message);
    }
}
