package dev.fanout.core.pipeline;

import java.util.Objects;

/**
 * What {@code Reducer.reportFailure} returns: the error name to fail the execution with and a cause made
 * precise from the failure records (chunk indices, byte offsets; never record contents).
 */
public record FailureReport(String error, String cause) {
    public FailureReport {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(cause, "cause");
    }
}
