package dev.fanout.asl.api;

import java.util.Objects;

/**
 * A request the Step Functions API refuses, with AWS's error code and message. The HTTP server answers it as
 * {@code 400 {"__type": code, "message": message}}.
 *
 * <pre>{@code
 * try {
 *     service.startExecution(smArn, "run-1", "{}");
 * } catch (StepFunctionsException e) {
 *     if (e.errorCode() == SfnErrorCode.EXECUTION_ALREADY_EXISTS) { ... }
 * }
 * }</pre>
 */
public class StepFunctionsException extends RuntimeException {
    private final SfnErrorCode errorCode;

    public StepFunctionsException(SfnErrorCode errorCode, String message) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode);
    }

    public SfnErrorCode errorCode() {
        return errorCode;
    }

    static StepFunctionsException validation(String member, String constraint, Object value) {
        String shown = value == null ? "null" : "'" + value + "'";
        return new StepFunctionsException(SfnErrorCode.VALIDATION,
                "1 validation error detected: Value " + shown + " at '" + member
                        + "' failed to satisfy constraint: " + constraint);
    }
}
