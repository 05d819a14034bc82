package dev.fanout.asl;

/**
 * Item or child-execution counts of a Map Run: DescribeMapRun's {@code itemCounts} (items; with an ItemBatcher a
 * child execution holds several) and {@code executionCounts} (child executions). Live while the Map Run runs.
 *
 * @param pending               not started yet
 * @param failuresNotRedrivable failed, aborted or timed out, and not redrivable (always 0 here: every child of a
 *                              STANDARD Map Run stays redrivable)
 * @param pendingRedrive        to be rerun by a redriven Map Run that has not started them again yet
 */
public record ItemCounts(long pending, long running, long succeeded, long failed, long timedOut, long aborted,
                         long total, long resultsWritten, long failuresNotRedrivable, long pendingRedrive) {
}
