package dev.fanout.asl;

import java.util.Objects;

/**
 * One finding of {@link AslEngine#validate}: ValidateStateMachineDefinition's {@code diagnostics} member.
 *
 * @param code     AWS's diagnostic code, e.g. {@code SCHEMA_VALIDATION_FAILED}, {@code MISSING_TRANSITION_TARGET},
 *                 {@code INVALID_JSON_DESCRIPTION}; {@code UNSUPPORTED_FEATURE} for what this engine cannot run
 * @param location a JSON pointer into the definition such as {@code /States/Pass/Next}, or null (AWS gives none for
 *                 an empty definition)
 */
public record Diagnostic(Severity severity, String code, String message, String location) {
    /** ValidateStateMachineDefinition's severities. */
    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
