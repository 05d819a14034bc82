package dev.fanout.asl;

/** Item or child-execution counts of a Map Run (DescribeMapRun's itemCounts / executionCounts). */
public record ItemCounts(long pending, long running, long succeeded, long failed, long timedOut,
                         long aborted, long total, long resultsWritten) {
}
