package dev.fanout.asl.internal.parse;

import dev.fanout.asl.InvalidDefinitionException;
import java.util.ArrayList;
import java.util.List;

/** Collects validation problems in AWS's wording; {@link #throwIfAny()} reports them all at once. */
final class Problems {
    private final List<String> messages = new ArrayList<>();

    void schema(String message, String where) {
        messages.add("SCHEMA_VALIDATION_FAILED: " + message + " at " + where);
    }

    void add(String code, String message, String where) {
        messages.add(code + ": " + message + " at " + where);
    }

    /** Messages from the expression validators, which name the location themselves. */
    void addAll(List<String> fromValidators) {
        for (String m : fromValidators) {
            messages.add(hasCode(m) ? m : "SCHEMA_VALIDATION_FAILED: " + m);
        }
    }

    private static boolean hasCode(String m) {
        int colon = m.indexOf(':');
        return colon > 0 && m.substring(0, colon).matches("[A-Z_]+");
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new InvalidDefinitionException("Invalid State Machine Definition: '" + String.join("', '", messages) + "'");
        }
    }
}
