package dev.fanout.asl;

/** Execution statuses, as DescribeExecution reports them. */
public enum ExecutionStatus { RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED }
