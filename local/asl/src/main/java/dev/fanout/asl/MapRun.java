package dev.fanout.asl;

import java.time.Instant;
import java.util.Optional;

/** A Distributed Map's run, as DescribeMapRun / ListMapRuns show it. Live view: values change while it runs. */
public interface MapRun {
    String arn();
    String executionArn();
    MapRunStatus status();
    Instant startDate();
    Optional<Instant> stopDate();
    int maxConcurrency();
    double toleratedFailurePercentage();
    long toleratedFailureCount();
    ItemCounts itemCounts();
    ItemCounts executionCounts();
}
