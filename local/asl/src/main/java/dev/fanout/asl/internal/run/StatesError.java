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
    public static final String QUERY_EVALUATION = "States.QueryEvaluationError";

    private final String error;
    private final String cause;
    /** Whether the engine may still put AWS's "An error occurred while executing the state" prefix in front. */
    private final boolean undecorated;

    public StatesError(String error, String cause) {
        this(error, cause, true);
    }

    private StatesError(String error, String cause, boolean undecorated) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
        this.undecorated = undecorated;
    }

    /**
     * An error whose name and cause someone else chose (a Fail state, SendTaskFailure, a function error): it reaches
     * the execution exactly as given, even when its name is States.Runtime.
     */
    public static StatesError reported(String error, String cause) {
        return new StatesError(error, cause, false);
    }

    /**
     * The error as it leaves the state that raised it. AWS puts "An error occurred while executing the state
     * '<name>' (entered at the event id #<n>). " in front of the causes of the errors it raises itself while running
     * a state: States.Runtime (every recorded execution failure, e.g. LocalStack's test_wait snapshot) and
     * States.QueryEvaluationError (also in a caught error output). Once only: outer states pass it on as it is.
     */
    StatesError decorated(String stateName, long enteredEventId) {
        if (!undecorated || cause == null || !(RUNTIME.equals(error) || QUERY_EVALUATION.equals(error))) {
            return this;
        }
        return new StatesError(error, "An error occurred while executing the state '" + stateName
                + "' (entered at the event id #" + enteredEventId + "). " + cause, false);
    }

    /** The same error, never decorated (the history quota: not a state's own failure). */
    static StatesError plain(String error, String cause) {
        return new StatesError(error, cause, false);
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
