package dev.fanout.asl;

/** Whether an execution can be redriven now, as DescribeExecution's {@code redriveStatus} reports it. */
public enum RedriveStatus {
    /** RedriveExecution would restart it. */
    REDRIVABLE,
    /** RedriveExecution would answer {@code ExecutionNotRedrivable}; {@code redriveStatusReason} says why. */
    NOT_REDRIVABLE,
    /** A Distributed Map's child that did not succeed: redriving the parent execution reruns it. */
    REDRIVABLE_BY_MAP_RUN
}
