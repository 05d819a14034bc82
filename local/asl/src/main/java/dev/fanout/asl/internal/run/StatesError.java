package dev.fanout.asl.internal.run;

import dev.fanout.asl.internal.expr.EvaluationException;

/** A state failed with a Step Functions error name and cause (either may be null, as with SendTaskFailure). */
public final class StatesError extends RuntimeException {
    public static final String ALL = "States.ALL";
    public static final String RUNTIME = "States.Runtime";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String TIMEOUT = "States.Timeout";
    public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
    public static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";
    public static final String TOLERATED_FAILURE = "States.ExceedToleratedFailureThreshold";
    public static final String BRANCH_FAILED = "States.BranchFailed";

    private final String error;
    private final String cause;

    public StatesError(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    public static StatesError of(EvaluationException e) {
        return new StatesError(e.error(), e.cause());
    }

    public static StatesError runtime(String cause) {
        return new StatesError(RUNTIME, cause);
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    /** States.Runtime and States.DataLimitExceeded end the execution: no Retry or Catch applies to them. */
    public boolean terminal() {
        return RUNTIME.equals(error) || DATA_LIMIT_EXCEEDED.equals(error);
    }

    /** Whether an {@code ErrorEquals} list matches this error, with the wildcards' documented exceptions. */
    public boolean matchedBy(java.util.List<String> errorEquals) {
        String e = error == null ? "" : error;
        for (String name : errorEquals) {
            if (name.equals(e)) {
                return true;
            }
            if (name.equals(ALL)) {
                return !terminal();
            }
            if (name.equals(TASK_FAILED) && !e.equals(TIMEOUT) && !e.equals(HEARTBEAT_TIMEOUT) && !terminal()) {
                return true;
            }
            if (name.equals(TIMEOUT) && e.equals(HEARTBEAT_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }
}
