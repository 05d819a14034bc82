package dev.fanout.core.error;

import java.util.Objects;

/** A job request is invalid. {@code field} is the JSON field (dotted path) at fault; the API answers 400 with both. */
public final class InvalidRequestException extends PermanentException {
    private final String field;
    private final String problem;

    public InvalidRequestException(String field, String problem) {
        super(field + ": " + problem);
        this.field = Objects.requireNonNull(field);
        this.problem = Objects.requireNonNull(problem);
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
