package dev.fanout.asl;

/** Map Run statuses, as DescribeMapRun reports them. */
public enum MapRunStatus { RUNNING, SUCCEEDED, FAILED, ABORTED }
