package dev.fanout.asl;

/**
 * Execution statuses, as DescribeExecution reports them. {@code PENDING_REDRIVE} is only ever the status of a
 * Distributed Map's child that its redriven Map Run will rerun but has not started again yet.
 */
public enum ExecutionStatus { RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE }
