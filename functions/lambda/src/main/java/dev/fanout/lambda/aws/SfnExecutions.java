package dev.fanout.lambda.aws;

import dev.fanout.core.model.JobStatus;
import dev.fanout.core.port.Executions;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.MapRunItemCounts;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;

/**
 * {@link Executions} of one state machine through the Step Functions API; the execution name is the job id.
 *
 * <pre>{@code
 * Executions executions = new SfnExecutions(sfnClient, "arn:aws:states:us-east-1:123456789012:stateMachine:fanout");
 * executions.start("job-1", requestJson);
 * }</pre>
 */
public final class SfnExecutions implements Executions {
    private static final long UNKNOWN = -1;

    private final SfnClient sfn;
    private final String stateMachineArn;

    public SfnExecutions(SfnClient sfn, String stateMachineArn) {
        this.sfn = Objects.requireNonNull(sfn, "sfn");
        this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        if (!stateMachineArn.contains(":stateMachine:")) {
            throw new IllegalArgumentException("not a state machine ARN: " + stateMachineArn);
        }
    }

    @Override
    public StartOutcome start(String jobId, String inputJson) {
        try {
            sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(jobId).input(inputJson));
            return StartOutcome.STARTED;
        } catch (ExecutionAlreadyExistsException e) {
            return StartOutcome.ALREADY_EXISTS;
        } catch (SdkException e) {
            throw AwsErrors.translate("StartExecution " + jobId, e);
        }
    }

    @Override
    public Optional<ExecutionView> describe(String jobId) {
        String executionArn = executionArn(stateMachineArn, jobId);
        DescribeExecutionResponse execution;
        try {
            execution = sfn.describeExecution(b -> b.executionArn(executionArn));
        } catch (ExecutionDoesNotExistException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.translate("DescribeExecution " + jobId, e);
        }
        MapRunItemCounts counts = mapRunCounts(executionArn);
        JobStatus status = status(execution.status());
        return Optional.of(new ExecutionView(jobId, status, execution.startDate(), execution.stopDate(),
                execution.error(), execution.cause(),
                counts == null ? UNKNOWN : n(counts.total()),
                counts == null ? UNKNOWN : n(counts.succeeded()),
                counts == null ? UNKNOWN : n(counts.failed()) + n(counts.timedOut()) + n(counts.aborted()),
                status == JobStatus.SUCCEEDED ? execution.output() : null));
    }

    /**
     * RedriveExecution (https://docs.aws.amazon.com/step-functions/latest/apireference/API_RedriveExecution.html):
     * {@code ExecutionDoesNotExist} is NOT_FOUND, {@code ExecutionNotRedrivable} is NOT_REDRIVABLE with the
     * service's message (its reason).
     */
    @Override
    public RedriveOutcome redrive(String jobId) {
        String executionArn = executionArn(stateMachineArn, jobId);
        try {
            sfn.redriveExecution(b -> b.executionArn(executionArn));
            return new RedriveOutcome(RedriveStatus.REDRIVEN, null);
        } catch (ExecutionDoesNotExistException e) {
            return new RedriveOutcome(RedriveStatus.NOT_FOUND, null);
        } catch (ExecutionNotRedrivableException e) {
            return new RedriveOutcome(RedriveStatus.NOT_REDRIVABLE, AwsErrors.message(e));
        } catch (SdkException e) {
            throw AwsErrors.translate("RedriveExecution " + jobId, e);
        }
    }

    /** The executions of the state machine an execution ARN belongs to, and the execution's name (job id). */
    public static SfnExecutions ofExecution(SfnClient sfn, String executionArn) {
        int marker = executionArn.indexOf(":execution:");
        int last = executionArn.lastIndexOf(':');
        if (marker < 0 || last <= marker + ":execution:".length()) {
            throw new IllegalArgumentException("not an execution ARN: " + executionArn);
        }
        return new SfnExecutions(sfn, executionArn.substring(0, last).replace(":execution:", ":stateMachine:"));
    }

    /** The name (job id) in an execution ARN. */
    public static String executionName(String executionArn) {
        return executionArn.substring(executionArn.lastIndexOf(':') + 1);
    }

    /** The execution ARN Step Functions gives an execution of {@code name}. */
    static String executionArn(String stateMachineArn, String name) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
    }

    /** Item counts of the execution's Map Run, or null before it starts (or where Map Runs are not offered). */
    private MapRunItemCounts mapRunCounts(String executionArn) {
        try {
            var runs = sfn.listMapRuns(b -> b.executionArn(executionArn)).mapRuns();
            if (runs.isEmpty()) {
                return null;
            }
            MapRunListItem run = runs.getFirst();
            return sfn.describeMapRun(b -> b.mapRunArn(run.mapRunArn())).itemCounts();
        } catch (SdkException e) {
            // progress is a nicety of the status view; the execution's own status is what matters
            return null;
        }
    }

    private static long n(Long count) {
        return count == null ? 0 : count;
    }

    static JobStatus status(ExecutionStatus status) {
        return switch (status) {
            case SUCCEEDED -> JobStatus.SUCCEEDED;
            case FAILED -> JobStatus.FAILED;
            case TIMED_OUT -> JobStatus.TIMED_OUT;
            case ABORTED -> JobStatus.ABORTED;
            // RUNNING, PENDING_REDRIVE (a redrive is under way) and values newer than this SDK
            default -> JobStatus.RUNNING;
        };
    }
}
