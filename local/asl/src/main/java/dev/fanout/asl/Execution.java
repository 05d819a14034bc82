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
}
