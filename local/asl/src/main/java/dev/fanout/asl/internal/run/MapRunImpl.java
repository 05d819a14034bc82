package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.ItemCounts;
import dev.fanout.asl.MapRun;
import dev.fanout.asl.MapRunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A Distributed Map's run: its child executions by item (or batch) index and their inputs, so that a redrive of the
 * parent reruns only the children that did not succeed. Counts are read from the children, so they are live.
 */
final class MapRunImpl implements MapRun {
    /** AWS: "the hard limit of 1000 redrives of a given Map Run" (redrive-map-run.html). */
    static final int MAX_REDRIVES = 1000;

    /** Where the Map Run lives: its ARN parts. */
    record Names(String arn, String id, String machinePath, String stateMachineArn) {
    }

    /** ToleratedFailurePercentage/Count over the whole run; with neither, one failure is too many. */
    record Tolerance(Double pct, Long count, int total) {
        boolean exceeded(long failed) {
            if (pct == null && count == null) {
                return failed > 0;
            }
            return (count != null && failed > count) || (pct != null && failed * 100.0 / total > pct);
        }
    }

    private final Names names;
    private final String executionArn;
    private final Instant startDate;
    private final int maxConcurrency;
    private final Tolerance tolerance;
    private final List<JsonNode> childInputs;
    private final int[] itemsPerChild;
    private final AtomicReferenceArray<ExecutionImpl> children;
    private final Map<String, ExecutionImpl> byArn = new ConcurrentHashMap<>();
    private final Map<String, Integer> indexByArn = new ConcurrentHashMap<>();
    private volatile MapRunStatus status = MapRunStatus.RUNNING;
    private volatile Instant stopDate;
    private volatile int redriveCount;
    private volatile Instant redriveDate;
    private volatile boolean resultsWritten;
    /** Failed and timed-out children: counted as they end, recounted when a redrive or the end moves many. */
    private final AtomicLong failures = new AtomicLong();

    MapRunImpl(Names names, String executionArn, Instant startDate, int maxConcurrency, Tolerance tolerance,
               List<JsonNode> childInputs, int[] itemsPerChild) {
        this.names = names;
        this.executionArn = executionArn;
        this.startDate = startDate;
        this.maxConcurrency = maxConcurrency;
        this.tolerance = tolerance;
        this.childInputs = List.copyOf(childInputs);
        this.itemsPerChild = itemsPerChild.clone();
        this.children = new AtomicReferenceArray<>(childInputs.size());
    }

    Names names() {
        return names;
    }

    Tolerance tolerance() {
        return tolerance;
    }

    int size() {
        return childInputs.size();
    }

    long itemTotal() {
        return Arrays.stream(itemsPerChild).asLongStream().sum();
    }

    JsonNode childInput(int index) {
        return childInputs.get(index);
    }

    ExecutionImpl child(int index) {
        return children.get(index);
    }

    void child(int index, ExecutionImpl child) {
        indexByArn.put(child.arn(), index);
        children.set(index, child);
        byArn.put(child.arn(), child);
    }

    /** The children in item order, null where none was started. */
    List<ExecutionImpl> childSlots() {
        List<ExecutionImpl> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(children.get(i));
        }
        return out;
    }

    /** Failed or timed-out children now, over the whole run (what the tolerated failure threshold counts). */
    long failedCount() {
        return failures.get();
    }

    /** A child ended: the failures over the whole run, counting it. */
    long childEnded(ExecutionImpl child) {
        ExecutionStatus s = child.status();
        return s == ExecutionStatus.FAILED || s == ExecutionStatus.TIMED_OUT ? failures.incrementAndGet()
                : failures.get();
    }

    private void recountFailures() {
        long failed = 0;
        for (int i = 0; i < size(); i++) {
            ExecutionImpl c = children.get(i);
            if (c != null && (c.status() == ExecutionStatus.FAILED || c.status() == ExecutionStatus.TIMED_OUT)) {
                failed++;
            }
        }
        failures.set(failed);
    }

    /**
     * A redrive of the parent reruns this Map Run: RUNNING again, one redrive more, and the indices of the children
     * to (re)run, those marked PENDING_REDRIVE until their turn.
     *
     * @throws StatesError States.Runtime past AWS's 1000 redrives
     */
    List<Integer> beginRedrive(Instant at) {
        if (redriveCount >= MAX_REDRIVES) {
            throw StatesError.runtime("The Map Run " + names.arn() + " was already redriven " + MAX_REDRIVES
                    + " times, the most Step Functions allows");
        }
        redriveCount++;
        redriveDate = at;
        stopDate = null;
        resultsWritten = false;
        status = MapRunStatus.RUNNING;
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            ExecutionImpl c = children.get(i);
            if (c == null || c.status() != ExecutionStatus.SUCCEEDED) {
                todo.add(i);
                if (c != null) {
                    c.markPendingRedrive();
                }
            }
        }
        recountFailures();
        return todo;
    }

    /** The run ended: children still waiting for their redrive keep their last status. */
    void end(MapRunStatus end, Instant at) {
        for (int i = 0; i < size(); i++) {
            ExecutionImpl c = children.get(i);
            if (c != null) {
                c.cancelPendingRedrive();
            }
        }
        recountFailures();
        status = end;
        stopDate = at;
    }

    void resultsWritten() {
        resultsWritten = true;
    }

    @Override
    public String arn() {
        return names.arn();
    }

    @Override
    public String executionArn() {
        return executionArn;
    }

    @Override
    public String stateMachineArn() {
        return names.stateMachineArn();
    }

    @Override
    public MapRunStatus status() {
        return status;
    }

    @Override
    public Instant startDate() {
        return startDate;
    }

    @Override
    public Optional<Instant> stopDate() {
        return Optional.ofNullable(stopDate);
    }

    @Override
    public int maxConcurrency() {
        return maxConcurrency;
    }

    @Override
    public double toleratedFailurePercentage() {
        return tolerance.pct() == null ? 0 : tolerance.pct();
    }

    @Override
    public long toleratedFailureCount() {
        return tolerance.count() == null ? 0 : tolerance.count();
    }

    @Override
    public int redriveCount() {
        return redriveCount;
    }

    @Override
    public Optional<Instant> redriveDate() {
        return Optional.ofNullable(redriveDate);
    }

    @Override
    public List<Execution> executions() {
        List<Execution> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            ExecutionImpl c = children.get(i);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public Optional<Execution> execution(String executionArn) {
        return Optional.ofNullable(byArn.get(executionArn));
    }

    @Override
    public OptionalInt indexOf(String executionArn) {
        Integer index = indexByArn.get(executionArn);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    @Override
    public ItemCounts itemCounts() {
        return counts(true);
    }

    @Override
    public ItemCounts executionCounts() {
        return counts(false);
    }

    private ItemCounts counts(boolean items) {
        long[] by = new long[ExecutionStatus.values().length];
        long pending = 0;
        long total = 0;
        for (int i = 0; i < size(); i++) {
            long weight = items ? itemsPerChild[i] : 1;
            total += weight;
            ExecutionImpl c = children.get(i);
            if (c == null) {
                pending += weight;
            } else {
                by[c.status().ordinal()] += weight;
            }
        }
        return new ItemCounts(pending, by[ExecutionStatus.RUNNING.ordinal()],
                by[ExecutionStatus.SUCCEEDED.ordinal()], by[ExecutionStatus.FAILED.ordinal()],
                by[ExecutionStatus.TIMED_OUT.ordinal()], by[ExecutionStatus.ABORTED.ordinal()], total,
                resultsWritten ? total : 0, 0, by[ExecutionStatus.PENDING_REDRIVE.ordinal()]);
    }
}
