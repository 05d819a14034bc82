package dev.fanout.asl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A running or finished execution. Live view: status, output and history change while it runs. */
public interface Execution {
    String arn();
    String name();
    String stateMachineArn();
    ExecutionStatus status();
    /** The execution input as JSON text. */
    String input();
    /** The output as JSON text, once SUCCEEDED. */
    Optional<String> output();
    Optional<String> error();
    Optional<String> cause();
    Instant startDate();
    Optional<Instant> stopDate();
    /** History events in order (GetExecutionHistory). */
    List<HistoryEvent> history();
    /** Map Runs started by Distributed Map states of this execution, oldest first. */
    List<MapRun> mapRuns();
    /** StopExecution: ends the execution as ABORTED with the given error and cause (either may be null). */
    void stop(String error, String cause);
    /** Waits until the execution is no longer RUNNING or the timeout passes; returns the status then. */
    ExecutionStatus await(Duration timeout) throws InterruptedException;

    /** How often the execution was redriven (0 if never): {@code $$.Execution.RedriveCount}. */
    int redriveCount();

    /** When the execution was last redriven, if ever. */
    Optional<Instant> redriveDate();

    /** The Map Run that started this execution, for a Distributed Map's child; empty for others. */
    Optional<String> mapRunArn();

    /** Whether {@link #redrive()} would restart the execution now. */
    RedriveStatus redriveStatus();

    /** Why the execution is {@link RedriveStatus#NOT_REDRIVABLE}, in AWS's words; empty otherwise. */
    Optional<String> redriveStatusReason();

    /**
     * RedriveExecution: restarts a FAILED, TIMED_OUT or ABORTED execution at the state where it stopped, with the
     * same ARN, input and definition; states that succeeded before are not rerun (a Parallel or inline Map reruns
     * only its unsuccessful branches or iterations, a Distributed Map only its unsuccessful child executions).
     * Returns at once with the redrive date; the execution is RUNNING again.
     *
     * @throws ExecutionNotRedrivableException when AWS would answer {@code ExecutionNotRedrivable}
     */
    Instant redrive();
}
