package dev.fanout.asl;

import dev.fanout.asl.port.LambdaInvoker;
import dev.fanout.asl.port.LambdaResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Lambda functions as Java functions from payload JSON to a response; records every invocation. */
final class FakeLambda implements LambdaInvoker {
    record Call(String functionName, String payload) {}

    private final Map<String, Function<String, LambdaResponse>> functions = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();

    FakeLambda function(String name, Function<String, LambdaResponse> body) {
        functions.put(name, body);
        return this;
    }

    /** The error payload a Java Lambda runtime returns for an uncaught exception. */
    static LambdaResponse javaError(Class<? extends Throwable> type, String message) {
        String payload = "{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + type.getName()
                + "\",\"stackTrace\":[\"Handler.handleRequest(Handler.java:10)\"]}";
        return new LambdaResponse(payload, "Unhandled");
    }

    @Override
    public LambdaResponse invoke(String functionName, String payloadJson) {
        calls.add(new Call(functionName, payloadJson));
        Function<String, LambdaResponse> f = functions.get(functionName);
        if (f == null) {
            throw new ResourceNotFoundException("Function not found: " + functionName);
        }
        return f.apply(payloadJson);
    }

    /** Stands in for the SDK's exception of the same name. */
    static final class ResourceNotFoundException extends RuntimeException {
        ResourceNotFoundException(String message) {
            super(message);
        }
    }
}
