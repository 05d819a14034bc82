package dev.fanout.asl.internal.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.fanout.asl.internal.model.Resource;
import dev.fanout.asl.internal.model.TaskState;
import dev.fanout.asl.port.LambdaInvoker;
import dev.fanout.asl.port.LambdaResponse;
import dev.fanout.asl.port.SqsSender;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * Task states: Lambda (function ARN and {@code lambda:invoke}) and SQS {@code sendMessage}, request-response or
 * {@code .waitForTaskToken}, with TimeoutSeconds and HeartbeatSeconds on the engine clock.
 */
final class TaskRunner {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final EngineCore engine;

    TaskRunner(EngineCore engine) {
        this.engine = engine;
    }

    /** One attempt: returns the state output (after result processing) or throws the task's error. */
    JsonNode run(TaskState t, StateRun run) throws InterruptedException {
        Resource r = t.resource();
        if (run.probe() != null && run.probe().mock != null) {
            run.effectiveInput(); // the request the task would have sent, for the inspection data
            JsonNode mocked = run.probe().mockedResult();
            MockShapes.check(r, mocked, run.probe().mock.fieldValidationMode());
            Payloads.check(mocked, t.name());
            return run.finish(mocked);
        }
        if (run.probe() != null && r.waitForToken()) {
            throw new IllegalArgumentException("TestState runs a '.waitForTaskToken' task only with a mock");
        }
        TaskWaiter callback = null;
        String token = null;
        if (r.waitForToken()) {
            callback = new TaskWaiter(engine.clock());
            token = engine.tokens().issue(callback);
            run.token(token);
        }
        try {
            JsonNode timeoutInput = run.jsonata() ? run.raw : run.inputPath();
            Long timeout = Dynamics.integer(t.timeoutSeconds(), run, timeoutInput, 1, 99_999_999);
            Long heartbeat = Dynamics.integer(t.heartbeatSeconds(), run, timeoutInput, 1, 99_999_999);
            JsonNode parameters = run.effectiveInput();
            Instant deadline = timeout == null ? null : engine.clock().now().plus(engine.scaledSeconds(timeout));
            JsonNode result = invoke(t, run, parameters, timeout, heartbeat, deadline, callback);
            Payloads.check(result, t.name());
            return run.finish(result);
        } finally {
            if (callback != null) {
                callback.close();
                engine.tokens().end(token);
            }
        }
    }

    private JsonNode invoke(TaskState t, StateRun run, JsonNode parameters, Long timeout, Long heartbeat,
                            Instant deadline, TaskWaiter callback) throws InterruptedException {
        Resource r = t.resource();
        HistoryLog log = run.frame.execution().log();
        Lane lane = run.frame.lane();
        boolean legacyLambda = r.kind() == Resource.Kind.LAMBDA_FUNCTION;
        if (legacyLambda) {
            log.add(lane, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", "resource", r.arn(),
                    "input", parameters, "timeoutInSeconds", timeout);
            log.add(lane, "LambdaFunctionStarted", null);
        } else {
            log.add(lane, "TaskScheduled", "taskScheduledEventDetails", "resourceType", r.kind().resourceType(),
                    "resource", r.historyResource(), "region", engine.region(), "parameters", parameters,
                    "timeoutInSeconds", timeout, "heartbeatInSeconds", heartbeat);
            log.add(lane, "TaskStarted", "taskStartedEventDetails", "resourceType", r.kind().resourceType(),
                    "resource", r.historyResource());
        }
        try {
            if (callback != null) {
                // The heartbeat clock runs from the task's start, like TimeoutSeconds, not from the end of the call
                // that hands the token over: the token is in the worker's hands (a message on the queue) before
                // that call returns, so a heartbeat or an answer from a fast worker must already count, and the
                // deadline is fixed by the time anyone can see the token.
                callback.startHeartbeat(heartbeat == null ? null : engine.scaledSeconds(heartbeat));
            }
            JsonNode result = callWithTimeout(() -> call(r, parameters), deadline);
            if (callback != null) {
                log.add(lane, "TaskSubmitted", "taskSubmittedEventDetails", "resourceType", r.kind().resourceType(),
                        "resource", r.historyResource(), "output", result);
                result = callback.await(deadline);
            }
            if (legacyLambda) {
                log.add(lane, "LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", "output", result);
            } else {
                log.add(lane, "TaskSucceeded", "taskSucceededEventDetails", "resourceType", r.kind().resourceType(),
                        "resource", r.historyResource(), "output", result);
            }
            return result;
        } catch (StatesError e) {
            boolean timedOut = StatesError.TIMEOUT.equals(e.error()) || StatesError.HEARTBEAT_TIMEOUT.equals(e.error());
            String type = legacyLambda ? (timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed")
                    : (timedOut ? "TaskTimedOut" : "TaskFailed");
            String key = Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
            if (legacyLambda) {
                log.add(lane, type, key, "error", e.error(), "cause", e.cause());
            } else {
                log.add(lane, type, key, "resourceType", r.kind().resourceType(), "resource", r.historyResource(),
                        "error", e.error(), "cause", e.cause());
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface Call {
        JsonNode call();
    }

    /** Without TimeoutSeconds the call runs on this thread; with it, on another, raced against the clock. */
    private JsonNode callWithTimeout(Call call, Instant deadline) throws InterruptedException {
        if (deadline == null) {
            return call.call();
        }
        TaskWaiter waiter = new TaskWaiter(engine.clock());
        Future<?> f = engine.executor().submit(() -> {
            try {
                waiter.succeed(call.call());
            } catch (StatesError e) {
                waiter.fail(e);
            } catch (RuntimeException e) {
                waiter.fail(StatesError.runtime("Internal error of the local engine: " + e));
            }
        });
        try {
            return waiter.await(deadline);
        } finally {
            f.cancel(true);
        }
    }

    private JsonNode call(Resource r, JsonNode parameters) {
        return switch (r.kind()) {
            case LAMBDA_FUNCTION -> lambdaFunction(r, parameters);
            case LAMBDA_INVOKE -> lambdaInvoke(parameters);
            case SQS_SEND_MESSAGE -> sqs(parameters);
        };
    }

    private LambdaInvoker lambda() {
        LambdaInvoker l = engine.integrations().lambda();
        if (l == null) {
            throw StatesError.runtime("No Lambda integration is configured: the engine was built without a "
                    + "LambdaInvoker (Integrations.withLambda)");
        }
        return l;
    }

    private JsonNode lambdaFunction(Resource r, JsonNode payload) {
        LambdaResponse response = invokeLambda(r.arn(), payload.toString());
        return parsePayload(response.payloadJson());
    }

    private JsonNode lambdaInvoke(JsonNode parameters) {
        JsonNode fn = parameters.get("FunctionName");
        if (fn == null || !fn.isTextual()) {
            throw StatesError.runtime("The field 'FunctionName' of arn:aws:states:::lambda:invoke must be a string, "
                    + "but was " + fn);
        }
        JsonNode payload = parameters.get("Payload");
        String payloadJson = payload == null ? "{}" : payload.toString();
        LambdaResponse response = invokeLambda(fn.textValue(), payloadJson);
        ObjectNode out = NODES.objectNode();
        out.put("ExecutedVersion", "$LATEST");
        out.set("Payload", parsePayload(response.payloadJson()));
        ObjectNode http = out.putObject("SdkHttpMetadata");
        http.putObject("HttpHeaders").put("Content-Type", "application/json");
        http.put("HttpStatusCode", 200);
        out.putObject("SdkResponseMetadata").put("RequestId", UUID.randomUUID().toString());
        out.put("StatusCode", 200);
        return out;
    }

    private LambdaResponse invokeLambda(String functionName, String payloadJson) {
        LambdaResponse response;
        try {
            response = lambda().invoke(functionName, payloadJson);
        } catch (StatesError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StatesError("Lambda." + e.getClass().getSimpleName(), e.getMessage());
        }
        if (response == null) {
            throw new StatesError("Lambda.ServiceException", "The Lambda invoker returned no response");
        }
        if (response.failed()) {
            throw functionError(response);
        }
        return response;
    }

    /** A function error: the error name is the payload's errorType, the cause the whole error payload. */
    private static StatesError functionError(LambdaResponse response) {
        String payload = response.payloadJson() == null ? "" : response.payloadJson();
        String error = response.functionError();
        try {
            JsonNode p = Payloads.MAPPER.readTree(payload);
            if (p != null && p.hasNonNull("errorType") && p.get("errorType").isTextual()) {
                error = p.get("errorType").textValue();
            }
        } catch (JsonProcessingException e) {
            // not JSON: keep the function error value as the name
        }
        return StatesError.reported(error, payload);
    }

    private static JsonNode parsePayload(String json) {
        if (json == null || json.isEmpty()) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        try {
            return Payloads.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(json);
        }
    }

    private JsonNode sqs(JsonNode parameters) {
        SqsSender sqs = engine.integrations().sqs();
        if (sqs == null) {
            throw StatesError.runtime("No SQS integration is configured: the engine was built without an SqsSender "
                    + "(Integrations.withSqs)");
        }
        if (!parameters.isObject()) {
            throw StatesError.runtime("The parameters of arn:aws:states:::sqs:sendMessage must be an object, but were "
                    + parameters);
        }
        try {
            return sqs.sendMessage((ObjectNode) parameters.deepCopy());
        } catch (StatesError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StatesError("SQS." + e.getClass().getSimpleName(), e.getMessage());
        }
    }
}
