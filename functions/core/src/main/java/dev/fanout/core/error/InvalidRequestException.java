package dev.fanout.core.error;

import java.util.Objects;

/**
 * A job request is invalid. {@code field} is the JSON field (dotted path) at fault; the API answers 400 with both. A
 * job throws it from {@link dev.fanout.core.job.Job#validateOptions} and {@link
 * dev.fanout.core.job.Job#validateHeader}:
 *
 * <pre>{@code
 * throw new InvalidRequestException("options.group-by", "no column 'region' in the header");
 * }</pre>
 */
public final class InvalidRequestException extends PermanentException {
    /** The field at fault. */
    private final String field;
    /** What is wrong with it. */
    private final String problem;

    /**
     * The exception.
     *
     * @param field   the request's field at fault, as a dotted path ({@code options.pattern}, {@code jobType})
     * @param problem what is wrong with it, for the caller to read
     */
    public InvalidRequestException(String field, String problem) {
        super(field + ": " + problem);
        this.field = Objects.requireNonNull(field);
        this.problem = Objects.requireNonNull(problem);
    }

    /**
     * The request's field at fault.
     *
     * @return a dotted path, e.g. {@code options.pattern}
     */
    public String field() {
        return field;
    }

    /**
     * What is wrong with the field.
     *
     * @return the problem, without the field's name
     */
    public String problem() {
        return problem;
    }
}
