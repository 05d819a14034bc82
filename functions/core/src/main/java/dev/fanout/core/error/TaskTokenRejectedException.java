package dev.fanout.core.error;

/**
 * Step Functions refused a task callback because the task is already over (TaskTimedOut) or the token is
 * unknown (InvalidToken / TaskDoesNotExist). For a worker this is not a failure of the chunk: the work was
 * done, the Map child has moved on (timed out and retried, or the execution ended).
 */
public final class TaskTokenRejectedException extends PermanentException {
    /** The service's error code. */
    private final String code;

    /**
     * The exception.
     *
     * @param code    the service's error code ({@code TaskTimedOut}, {@code InvalidToken}, {@code TaskDoesNotExist})
     * @param message the message
     */
    public TaskTokenRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * The service's error code.
     *
     * @return e.g. {@code TaskTimedOut}
     */
    public String code() {
        return code;
    }
}
