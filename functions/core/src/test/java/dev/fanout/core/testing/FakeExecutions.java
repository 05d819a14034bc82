package dev.fanout.core.testing;

import dev.fanout.core.model.JobStatus;
import dev.fanout.core.port.Executions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Executions with Step Functions' naming rules: same name and input while running is idempotent, else it exists. */
public final class FakeExecutions implements Executions {
    private final Map<String, String> inputs = new ConcurrentHashMap<>();
    private final Map<String, ExecutionView> views = new ConcurrentHashMap<>();
    private final List<String> startCalls = new CopyOnWriteArrayList<>();

    @Override
    public StartOutcome start(String jobId, String inputJson) {
        startCalls.add(jobId);
        String previous = inputs.putIfAbsent(jobId, inputJson);
        if (previous == null) {
            views.put(jobId, new ExecutionView(jobId, JobStatus.RUNNING, Instant.parse("2026-01-01T00:00:00Z"),
                    null, null, null, -1, -1, -1, null));
            return StartOutcome.STARTED;
        }
        boolean repeat = previous.equals(inputJson) && views.get(jobId).status() == JobStatus.RUNNING;
        return repeat ? StartOutcome.STARTED : StartOutcome.ALREADY_EXISTS;
    }

    @Override
    public Optional<ExecutionView> describe(String jobId) {
        return Optional.ofNullable(views.get(jobId));
    }

    /** As Step Functions: only a job that ended unsuccessfully goes on; it is RUNNING again. */
    @Override
    public RedriveOutcome redrive(String jobId) {
        ExecutionView view = views.get(jobId);
        if (view == null) {
            return new RedriveOutcome(RedriveStatus.NOT_FOUND, null);
        }
        if (view.status() == JobStatus.RUNNING || view.status() == JobStatus.SUCCEEDED) {
            return new RedriveOutcome(RedriveStatus.NOT_REDRIVABLE, "Execution is " + view.status()
                    + " and cannot be redriven");
        }
        views.put(jobId, new ExecutionView(jobId, JobStatus.RUNNING, view.startedAt(), null, null, null,
                view.chunksTotal(), view.chunksSucceeded(), view.chunksFailed(), null));
        return new RedriveOutcome(RedriveStatus.REDRIVEN, null);
    }

    public void finish(ExecutionView view) {
        views.put(view.jobId(), view);
    }

    public String input(String jobId) {
        return inputs.get(jobId);
    }

    public Map<String, String> inputs() {
        return Map.copyOf(inputs);
    }

    public List<String> startCalls() {
        return List.copyOf(startCalls);
    }
}
