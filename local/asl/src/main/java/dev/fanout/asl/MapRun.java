package dev.fanout.asl;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A Distributed Map's run, as DescribeMapRun / ListMapRuns show it. Live view: values change while it runs. */
public interface MapRun {
    String arn();
    String executionArn();
    /** The state machine its children run: {@code arn:aws:states:REGION:ACCOUNT:stateMachine:MACHINE/LABEL}. */
    String stateMachineArn();
    MapRunStatus status();
    Instant startDate();
    Optional<Instant> stopDate();
    int maxConcurrency();
    double toleratedFailurePercentage();
    long toleratedFailureCount();
    ItemCounts itemCounts();
    ItemCounts executionCounts();
    /** How often the Map Run was redriven (each redrive of its parent that reruns it counts one). */
    int redriveCount();
    Optional<Instant> redriveDate();
    /** The child executions started so far, in item order (ListExecutions with {@code mapRunArn}). */
    List<Execution> executions();
    /** One child execution by its ARN. */
    Optional<Execution> execution(String executionArn);
    /** The item (with an ItemBatcher: batch) index a child execution runs, from 0; empty for another ARN. */
    OptionalInt indexOf(String executionArn);
}
