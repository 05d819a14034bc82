package dev.fanout.asl.internal.parse;

import dev.fanout.asl.Diagnostic;
import dev.fanout.asl.InvalidDefinitionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects validation problems in AWS's wording, each with its diagnostic code and location; {@link #throwIfAny()}
 * reports them all at once as CreateStateMachine does, {@link #diagnostics()} as ValidateStateMachineDefinition does.
 */
final class Problems {
    private final List<Diagnostic> found = new ArrayList<>();

    void schema(String message, String where) {
        add("SCHEMA_VALIDATION_FAILED", message, where);
    }

    void add(String code, String message, String where) {
        found.add(new Diagnostic(Diagnostic.Severity.ERROR, code, message, where));
    }

    /** Messages from the expression validators, which end with {@code " at <location>"} themselves. */
    void addAll(List<String> fromValidators) {
        for (String m : fromValidators) {
            String code = "SCHEMA_VALIDATION_FAILED";
            int colon = m.indexOf(':');
            if (colon > 0 && m.substring(0, colon).matches("[A-Z_]+")) {
                code = m.substring(0, colon);
                m = m.substring(colon + 1).strip();
            }
            int at = m.lastIndexOf(" at /");
            if (at >= 0) {
                add(code, m.substring(0, at), m.substring(at + 4));
            } else {
                add(code, m, null);
            }
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<Diagnostic> diagnostics() {
        return List.copyOf(found);
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidDefinitionException(message(found));
        }
    }

    static String message(List<Diagnostic> diagnostics) {
        List<String> parts = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            parts.add(d.code() + ": " + d.message() + (d.location() == null ? "" : " at " + d.location()));
        }
        return "Invalid State Machine Definition: '" + String.join("', '", parts) + "'";
    }
}
