package dev.fanout.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.asl.Execution;
import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.ItemCounts;
import dev.fanout.asl.MapRun;
import dev.fanout.asl.RedriveStatus;
import dev.fanout.asl.api.StepFunctionsException;
import dev.fanout.asl.api.StepFunctionsService;
import dev.fanout.core.model.JobStatus;
import dev.fanout.local.dashboard.DashboardViews.FailedChunk;
import dev.fanout.local.dashboard.DashboardViews.FailurePage;
import dev.fanout.local.dashboard.DashboardViews.JobDetail;
import dev.fanout.local.dashboard.DashboardViews.JobList;
import dev.fanout.local.dashboard.DashboardViews.JobRow;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The jobs as the dashboard shows them, read from the local Step Functions engine in this JVM: an execution of the
 * pipeline's state machine is a job (execution name = job id), the children of its Distributed Map Run are its
 * chunks (item index = chunk index). Nothing here calls a service over the network except {@link JobFiles}.
 *
 * <p>Cost per poll: the list is O(jobs shown) for finished jobs (their rows are kept once they ended) plus
 * O(chunks) for each running one; a job's detail is O(its chunks), in memory.
 */
final class JobsBoard {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StepFunctionsService stepFunctions;
    private final String stateMachineArn;
    private final Function<String, String> executionArn;
    private final JobFiles files;
    private final Clock clock;
    private final Map<String, Request> requests = new ConcurrentHashMap<>();
    private final Map<String, FinishedRow> finished = new ConcurrentHashMap<>();

    /** What the execution input (the job request) says about the job. */
    private record Request(String jobType, String input) {
    }

    /** A finished job's row, valid while the execution stays as it was (a redrive runs it again). */
    private record FinishedRow(ExecutionStatus status, int redriveCount, RedriveStatus redriveStatus, JobRow row) {
    }

    /**
     * @param executionArn a job id's execution ARN
     */
    JobsBoard(StepFunctionsService stepFunctions, String stateMachineArn, Function<String, String> executionArn,
              JobFiles files, Clock clock) {
        this.stepFunctions = Objects.requireNonNull(stepFunctions, "stepFunctions");
        this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        this.executionArn = Objects.requireNonNull(executionArn, "executionArn");
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The newest {@code limit} jobs, newest first. */
    JobList jobs(int limit) {
        List<Execution> all = stepFunctions.listExecutions(stateMachineArn, null);
        List<JobRow> rows = new ArrayList<>();
        for (Execution execution : all.subList(0, Math.min(limit, all.size()))) {
            rows.add(row(execution));
        }
        return new JobList(rows, all.size());
    }

    /** A job in detail; empty if there is no such job. */
    Optional<JobDetail> job(String jobId) {
        return execution(jobId).map(execution -> {
            JobRow row = row(execution);
            Optional<MapRun> run = mapRun(execution);
            String chunks = run.map(r -> ChunkGrid.of((int) r.executionCounts().total(), children(r)).states())
                    .orElse("");
            Throughput throughput = run.map(this::throughput).orElse(null);
            String resultUri = null;
            if (execution.status() == ExecutionStatus.SUCCEEDED) {
                resultUri = execution.output().map(o -> textField(o, "resultUri")).orElse(null);
            }
            String summaryUri = execution.status() == ExecutionStatus.RUNNING ? null
                    : files.summary(jobId, execution.redriveCount()).orElse(null);
            return new JobDetail(row, execution.error().orElse(null), execution.cause().orElse(null),
                    execution.redriveCount(), chunks, throughput, resultUri, summaryUri);
        });
    }

    /** The job's chunks that did not succeed (failed, timed out, aborted), in chunk order. */
    Optional<FailurePage> failures(String jobId, int offset, int limit) {
        return execution(jobId).map(execution -> {
            List<FailedChunk> failed = new ArrayList<>();
            mapRun(execution).ifPresent(run -> {
                for (Execution child : run.executions()) {
                    ExecutionStatus s = child.status();
                    if (s == ExecutionStatus.FAILED || s == ExecutionStatus.TIMED_OUT || s == ExecutionStatus.ABORTED) {
                        OptionalInt index = run.indexOf(child.arn());
                        failed.add(new FailedChunk(index.orElse(-1), ChunkGrid.State.of(s),
                                child.error().orElse(null), child.cause().orElse(null),
                                child.stopDate().map(Instant::toEpochMilli).orElse(null)));
                    }
                }
            });
            failed.sort(Comparator.comparingInt(FailedChunk::index));
            int from = Math.min(offset, failed.size());
            return new FailurePage(failed.size(), from, failed.subList(from, Math.min(failed.size(), from + limit)));
        });
    }

    /** The job's execution, if the job exists. */
    Optional<Execution> execution(String jobId) {
        try {
            Execution execution = stepFunctions.describeExecution(executionArn.apply(jobId));
            return execution.stateMachineArn().equals(stateMachineArn) ? Optional.of(execution) : Optional.empty();
        } catch (StepFunctionsException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private JobRow row(Execution execution) {
        ExecutionStatus status = execution.status();
        if (status != ExecutionStatus.RUNNING && status != ExecutionStatus.PENDING_REDRIVE) {
            FinishedRow kept = finished.get(execution.arn());
            if (kept != null && kept.status() == status && kept.redriveCount() == execution.redriveCount()
                    && kept.redriveStatus() == execution.redriveStatus()) {
                return kept.row();
            }
        }
        Request request = requests.computeIfAbsent(execution.arn(), arn -> request(execution.input()));
        Optional<ItemCounts> counts = mapRun(execution).map(MapRun::executionCounts);
        Instant start = execution.startDate();
        Optional<Instant> stop = execution.stopDate();
        JobRow row = new JobRow(execution.name(), jobStatus(status), request.jobType(), request.input(),
                start.toEpochMilli(), stop.map(Instant::toEpochMilli).orElse(null),
                Math.max(0, stop.orElseGet(clock::instant).toEpochMilli() - start.toEpochMilli()),
                counts.map(ItemCounts::total).orElse(-1L),
                counts.map(ItemCounts::succeeded).orElse(-1L),
                counts.map(c -> c.failed() + c.timedOut() + c.aborted()).orElse(-1L),
                counts.map(ItemCounts::running).orElse(-1L),
                redrivable(execution));
        if (status != ExecutionStatus.RUNNING && status != ExecutionStatus.PENDING_REDRIVE) {
            finished.put(execution.arn(),
                    new FinishedRow(status, execution.redriveCount(), execution.redriveStatus(), row));
        }
        return row;
    }

    /** A job the engine would redrive: it stopped unsuccessfully and RedriveExecution accepts it now. */
    static boolean redrivable(Execution execution) {
        ExecutionStatus s = execution.status();
        return (s == ExecutionStatus.FAILED || s == ExecutionStatus.TIMED_OUT || s == ExecutionStatus.ABORTED)
                && execution.redriveStatus() == RedriveStatus.REDRIVABLE;
    }

    private static JobStatus jobStatus(ExecutionStatus status) {
        return switch (status) {
            case SUCCEEDED -> JobStatus.SUCCEEDED;
            case FAILED -> JobStatus.FAILED;
            case TIMED_OUT -> JobStatus.TIMED_OUT;
            case ABORTED -> JobStatus.ABORTED;
            // a redrive under way is a running job, as GET /jobs/{jobId} shows it
            case RUNNING, PENDING_REDRIVE -> JobStatus.RUNNING;
        };
    }

    /** The pipeline has one Distributed Map; a redrive reruns the same Map Run. */
    private static Optional<MapRun> mapRun(Execution execution) {
        List<MapRun> runs = execution.mapRuns();
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.getLast());
    }

    private static List<ChunkGrid.Child> children(MapRun run) {
        List<ChunkGrid.Child> children = new ArrayList<>();
        for (Execution child : run.executions()) {
            OptionalInt index = run.indexOf(child.arn());
            if (index.isPresent()) {
                children.add(new ChunkGrid.Child(index.getAsInt(), child.status()));
            }
        }
        return children;
    }

    private Throughput throughput(MapRun run) {
        List<Instant> done = new ArrayList<>();
        for (Execution child : run.executions()) {
            if (child.status() == ExecutionStatus.SUCCEEDED) {
                child.stopDate().ifPresent(done::add);
            }
        }
        return Throughput.of(run.startDate(), run.stopDate().orElseGet(clock::instant), done);
    }

    /** Job type and input from the execution input, a JobRequest; unknown fields stay null. */
    private static Request request(String inputJson) {
        try {
            JsonNode request = JSON.readTree(inputJson);
            JsonNode input = request.path("input");
            JsonNode prefix = request.path("inputPrefix");
            String uri = input.path("bucket").isTextual() && input.path("key").isTextual()
                    ? "s3://" + input.get("bucket").asText() + "/" + input.get("key").asText()
                    : prefix.path("bucket").isTextual() && prefix.path("prefix").isTextual()
                    ? "s3://" + prefix.get("bucket").asText() + "/" + prefix.get("prefix").asText() : null;
            return new Request(request.path("jobType").isTextual() ? request.get("jobType").asText() : null, uri);
        } catch (IOException e) {
            return new Request(null, null);
        }
    }

    private static String textField(String json, String field) {
        try {
            JsonNode node = JSON.readTree(json).get(field);
            return node != null && node.isTextual() ? node.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
