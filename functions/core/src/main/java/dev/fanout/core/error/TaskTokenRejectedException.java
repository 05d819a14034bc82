package dev.fanout.core.error;

/**
 * Step Functions refused a task callback because the task is already over (TaskTimedOut) or the token is
 * unknown (InvalidToken / TaskDoesNotExist). For a worker this is not a failure of the chunk: the work was
 * done, the Map child has moved on (timed out and retried, or the execution ended).
 */
public final class TaskTokenRejectedException extends PermanentException {
    private final String code;

    public TaskTokenRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
