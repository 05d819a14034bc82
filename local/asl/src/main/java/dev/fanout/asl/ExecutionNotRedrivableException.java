package dev.fanout.asl;

/**
 * RedriveExecution refused ({@code ExecutionNotRedrivable} on the API). The message is the reason, worded as
 * DescribeExecution's {@code redriveStatusReason}, e.g. {@code Execution is SUCCEEDED and cannot be redriven}.
 */
public class ExecutionNotRedrivableException extends RuntimeException {
    public ExecutionNotRedrivableException(String reason) {
        super(reason);
    }
}
