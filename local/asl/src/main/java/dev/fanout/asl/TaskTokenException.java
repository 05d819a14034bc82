package dev.fanout.asl;

/**
 * SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat refused, with the AWS error code:
 * {@code TaskTimedOut} (the task already ended: timed out, answered, or its execution stopped),
 * {@code InvalidToken} (malformed token) or {@code TaskDoesNotExist}.
 */
public class TaskTokenException extends RuntimeException {
    private final String code;

    public TaskTokenException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
