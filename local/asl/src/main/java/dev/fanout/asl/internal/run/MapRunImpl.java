package dev.fanout.asl.internal.run;

import dev.fanout.asl.ItemCounts;
import dev.fanout.asl.MapRun;
import dev.fanout.asl.MapRunStatus;
import java.time.Instant;
import java.util.Optional;

/** A Distributed Map's run: live counts of its items and child executions. */
final class MapRunImpl implements MapRun {
    private final String arn;
    private final String executionArn;
    private final Instant startDate;
    private final int maxConcurrency;
    private final double toleratedPercentage;
    private final long toleratedCount;
    private final long total;
    private long running;
    private long succeeded;
    private long failed;
    private long aborted;
    private long resultsWritten;
    private MapRunStatus status = MapRunStatus.RUNNING;
    private Instant stopDate;

    MapRunImpl(String arn, String executionArn, Instant startDate, int maxConcurrency, double toleratedPercentage,
               long toleratedCount, long total) {
        this.arn = arn;
        this.executionArn = executionArn;
        this.startDate = startDate;
        this.maxConcurrency = maxConcurrency;
        this.toleratedPercentage = toleratedPercentage;
        this.toleratedCount = toleratedCount;
        this.total = total;
    }

    synchronized void childStarted() {
        running++;
    }

    synchronized void childEnded(dev.fanout.asl.ExecutionStatus end) {
        running--;
        switch (end) {
            case SUCCEEDED -> succeeded++;
            case ABORTED -> aborted++;
            default -> failed++;
        }
    }

    synchronized long failedCount() {
        return failed;
    }

    synchronized void resultsWritten(long n) {
        resultsWritten = n;
    }

    synchronized void end(MapRunStatus end, Instant at) {
        status = end;
        stopDate = at;
    }

    @Override
    public String arn() {
        return arn;
    }

    @Override
    public String executionArn() {
        return executionArn;
    }

    @Override
    public synchronized MapRunStatus status() {
        return status;
    }

    @Override
    public Instant startDate() {
        return startDate;
    }

    @Override
    public synchronized Optional<Instant> stopDate() {
        return Optional.ofNullable(stopDate);
    }

    @Override
    public int maxConcurrency() {
        return maxConcurrency;
    }

    @Override
    public double toleratedFailurePercentage() {
        return toleratedPercentage;
    }

    @Override
    public long toleratedFailureCount() {
        return toleratedCount;
    }

    @Override
    public synchronized ItemCounts itemCounts() {
        long pending = total - running - succeeded - failed - aborted;
        return new ItemCounts(Math.max(0, pending), running, succeeded, failed, 0, aborted, total, resultsWritten);
    }

    @Override
    public ItemCounts executionCounts() {
        return itemCounts();
    }
}
