package dev.fanout.asl;

/**
 * A TestState answer, as AWS documents it (API_TestState): JSON values are JSON text, absent members null.
 *
 * @param output         the state's output (SUCCEEDED, CAUGHT_ERROR)
 * @param error          the error (FAILED, RETRIABLE, CAUGHT_ERROR)
 * @param nextState      the state that would run next: {@code Next}, the Choice rule's target or the Catcher's
 *                       {@code Next}; null at the end
 * @param inspectionData the data-processing steps (DEBUG and TRACE), else null
 */
public record TestStateResult(Status status, String output, String error, String cause, String nextState,
                              InspectionData inspectionData) {

    /**
     * SUCCEEDED; FAILED (no Retry or Catch applies); RETRIABLE (a Retrier would retry: see {@code errorDetails});
     * CAUGHT_ERROR (a Catcher caught it).
     */
    public enum Status { SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR }

    /** InspectionData: each member is the value after that step, JSON text, or null where the state has no such step. */
    public record InspectionData(String input, String afterArguments, String afterInputPath, String afterParameters,
                                 String result, String afterResultSelector, String afterResultPath, String variables,
                                 ErrorDetails errorDetails, String afterItemsPath, String afterItemSelector,
                                 String afterItemBatcher, Long toleratedFailureCount,
                                 Double toleratedFailurePercentage, Integer maxConcurrency) {
    }

    /**
     * Which Retrier or Catcher handled the error, and the Retrier's backoff before the next attempt (in whole
     * seconds, without jitter).
     */
    public record ErrorDetails(Integer catchIndex, Integer retryIndex, Integer retryBackoffIntervalSeconds) {
    }
}
