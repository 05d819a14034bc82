package dev.fanout.asl.api;

import java.util.Objects;

/**
 * An error the endpoint answers on the AWS JSON 1.0 protocol: {@code status} with
 * {@code {"__type": type, "message": message}}. The SDKs read the error code from {@code __type} after its last
 * {@code #}.
 *
 * @param status the HTTP status, 400 to 599
 * @param type   the {@code __type} value, e.g. {@code com.amazon.coral.availability#ThrottlingException}
 */
public record ErrorAnswer(int status, String type, String message) {
    public ErrorAnswer {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error answer needs an HTTP status of 400 to 599, not " + status);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
    }

    /**
     * What Step Functions answers a throttled request: HTTP 400, the Coral availability
     * {@code ThrottlingException} with "Rate exceeded" (the AWS SDKs' standard retry mode retries it with backoff).
     */
    public static ErrorAnswer throttling() {
        return new ErrorAnswer(400, "com.amazon.coral.availability#ThrottlingException", "Rate exceeded");
    }

    /** An error of one of the codes the Step Functions API itself answers, e.g. {@code TaskTimedOut}. */
    public static ErrorAnswer of(SfnErrorCode code, String message) {
        return new ErrorAnswer(400, code.code(), message);
    }
}
