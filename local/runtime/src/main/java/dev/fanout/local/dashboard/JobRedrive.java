package dev.fanout.local.dashboard;

import dev.fanout.asl.api.StepFunctionsService;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * The dashboard's redrive button: restarts a FAILED, TIMED_OUT or ABORTED job where it stopped, so that only its
 * unsuccessful chunks run again. The one place that decides how: today RedriveExecution on the engine in this JVM.
 */
@FunctionalInterface
interface JobRedrive {
    /**
     * @return when the job was redriven
     * @throws dev.fanout.asl.api.StepFunctionsException as RedriveExecution answers (ExecutionNotRedrivable, ...)
     */
    Instant redrive(String jobId);

    /** RedriveExecution of the job's execution, through the local Step Functions control plane. */
    static JobRedrive throughEngine(StepFunctionsService stepFunctions, Function<String, String> executionArn) {
        Objects.requireNonNull(stepFunctions, "stepFunctions");
        Objects.requireNonNull(executionArn, "executionArn");
        return jobId -> stepFunctions.redriveExecution(executionArn.apply(jobId), null);
    }
}
