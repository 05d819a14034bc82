package dev.fanout.asl.internal.expr;

import java.util.Objects;

/**
 * A failure while evaluating a path, template, intrinsic function, Choice rule or JSONata
 * expression at run time. {@link #error()} is a Step Functions error name such as
 * {@code States.Runtime}, {@code States.IntrinsicFailure} or {@code States.QueryEvaluationError};
 * {@link #cause()} is the AWS-style cause text.
 *
 * <pre>{@code
 * try {
 *     JsonPathSupport.read("$.missing", ctx);
 * } catch (EvaluationException e) {
 *     failExecution(e.error(), e.cause());
 * }
 * }</pre>
 */
public class EvaluationException extends RuntimeException {

    private final String error;
    private final String cause;

    public EvaluationException(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.cause = Objects.requireNonNull(cause, "cause");
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
