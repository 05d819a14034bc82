package dev.fanout.asl.internal.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The fields every state shares.
 *
 * @param next          the {@code Next} target, or null for a terminal state (or Choice/Fail/Succeed)
 * @param assign        the {@code Assign} template/expression object, or null
 * @param usesContext   whether any field of the state can read the context object ({@code $$} or
 *                      {@code $states.context}); when false the interpreter skips building it
 */
public record Common(String name, String type, QueryLanguage language, String next, Io io, JsonNode assign,
                     boolean usesContext) {
    public Common {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(io, "io");
    }

    public boolean end() {
        return next == null;
    }
}
