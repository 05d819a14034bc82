package dev.fanout.core.model;

/** A job's status, mapped from its execution's status. */
public enum JobStatus { RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED }
