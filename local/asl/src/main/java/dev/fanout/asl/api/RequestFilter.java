package dev.fanout.asl.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Looks at each request to the endpoint before it runs and may answer an AWS error instead (fault injection). It is
 * called on the server's request threads, concurrently: implementations must be thread-safe. An exception it throws
 * is answered as a 500 {@code InternalFailure}.
 *
 * <pre>{@code
 * AtomicInteger calls = new AtomicInteger();
 * RequestFilter throttleEveryOtherCallback = (operation, body) ->
 *         operation.startsWith("SendTask") && calls.getAndIncrement() % 2 == 0
 *                 ? Optional.of(ErrorAnswer.throttling()) : Optional.empty();
 * StepFunctionsServer server = StepFunctionsServer.start(service, 0, throttleEveryOtherCallback);
 * }</pre>
 */
@FunctionalInterface
public interface RequestFilter {
    /** Runs every operation. */
    RequestFilter NONE = (operation, body) -> Optional.empty();

    /**
     * @param operation the operation name from {@code X-Amz-Target}, e.g. {@code SendTaskSuccess}
     * @param body      the parsed request body (a copy: changing it changes nothing)
     * @return the error to answer instead of running the operation, or empty to run it
     */
    Optional<ErrorAnswer> filter(String operation, ObjectNode body);
}
