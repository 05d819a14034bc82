package dev.fanout.local.runtime.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A failed invocation, as the Java Lambda runtime reports it: {@code errorType} is the thrown exception's fully
 * qualified class name, which is what Step Functions matches in {@code ErrorEquals}; a timeout is
 * {@code Sandbox.Timedout}.
 */
public final class FunctionError extends RuntimeException {
    /** errorType of an invocation that ran past the function timeout (what Lambda reports for a timed-out sandbox). */
    public static final String TIMED_OUT = "Sandbox.Timedout";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String errorType;
    private final List<String> stackTrace;

    public FunctionError(String errorType, String errorMessage, List<String> stackTrace) {
        super(errorMessage, null, false, false);
        this.errorType = Objects.requireNonNull(errorType, "errorType");
        this.stackTrace = List.copyOf(stackTrace);
    }

    /** The runtime's view of an exception thrown by the handler. */
    public static FunctionError of(Throwable thrown) {
        List<String> frames = Arrays.stream(thrown.getStackTrace()).map(StackTraceElement::toString).toList();
        return new FunctionError(thrown.getClass().getName(), thrown.getMessage(), frames);
    }

    public static FunctionError timedOut(String requestId, double timeoutSeconds) {
        return new FunctionError(TIMED_OUT,
                String.format(java.util.Locale.ROOT, "RequestId: %s Error: Task timed out after %.2f seconds",
                        requestId, timeoutSeconds),
                List.of());
    }

    public String errorType() {
        return errorType;
    }

    public String errorMessage() {
        return getMessage();
    }

    /** {@code {"errorMessage":..., "errorType":..., "stackTrace":[...]}}: the Invoke response payload of a function error. */
    public String payloadJson() {
        ObjectNode node = JSON.createObjectNode();
        if (getMessage() != null) {
            node.put("errorMessage", getMessage());
        }
        node.put("errorType", errorType);
        ArrayNode frames = node.putArray("stackTrace");
        stackTrace.forEach(frames::add);
        return node.toString();
    }

    @Override
    public String toString() {
        return errorType + ": " + getMessage();
    }
}
