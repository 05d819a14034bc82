package dev.fanout.statemachines;

import java.util.List;
import java.util.stream.Stream;

/**
 * The error names {@code pipeline.asl.json} matches in its {@code Retry} and {@code Catch} rules. Java Lambda
 * functions report an uncaught exception with its fully qualified class name as the error, so the exception
 * names here are part of the contract between the functions and the state machine (a test keeps them in step
 * with the classes).
 *
 * <pre>{@code
 * boolean retried = PipelineErrors.all().contains("dev.fanout.core.error.StorageUnavailableException"); // true
 * }</pre>
 */
public final class PipelineErrors {

    /**
     * Errors Step Functions itself raises that the definition retries: the wait-for-token timeouts. (It catches
     * nothing: a failed job stops at the state that failed, so that a redrive resumes there.)
     */
    public static final List<String> STATES_ERRORS = List.of(
            "States.HeartbeatTimeout",
            "States.Timeout");

    /**
     * Transient Lambda service errors of the {@code lambda:invoke} integration, retried with backoff and full
     * jitter: the four Step Functions' best practice names
     * (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html) and throttling.
     */
    public static final List<String> LAMBDA_SERVICE_ERRORS = List.of(
            "Lambda.ServiceException",
            "Lambda.AWSLambdaException",
            "Lambda.SdkClientException",
            "Lambda.ClientExecutionTimeoutException",
            "Lambda.TooManyRequestsException");

    /**
     * A SnapStart version not invoked for 14 days answers with this while Lambda initializes a new snapshot
     * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-troubleshooting.html); retried, without jitter, for
     * longer than that initialization may take.
     */
    public static final String SNAPSTART_NOT_READY = "Lambda.SnapStartNotReadyException";

    /** Exceptions the functions throw that the definition retries (fully qualified class names). */
    public static final List<String> EXCEPTION_CLASSES = List.of(
            "dev.fanout.core.error.StorageUnavailableException");

    private PipelineErrors() {
    }

    /** Every name above, in one list. */
    public static List<String> all() {
        return Stream.of(STATES_ERRORS, List.of(SNAPSTART_NOT_READY), LAMBDA_SERVICE_ERRORS, EXCEPTION_CLASSES)
                .flatMap(List::stream)
                .toList();
    }
}
