package dev.fanout.lambda.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fanout.core.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A Step Functions endpoint speaking the AWS JSON 1.0 protocol ({@code X-Amz-Target: AWSStepFunctions.Op}),
 * enough for the functions' calls: it records every request and answers task callbacks with {@code {}},
 * keeps executions by name (a repeated StartExecution with the same input returns the same execution, with
 * another input fails with ExecutionAlreadyExists, as Step Functions does), and can be told to answer the next
 * call of an operation with an error.
 */
public final class SfnStub implements AutoCloseable {
    public static final String STATE_MACHINE_ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:fanout";

    /** One recorded request. */
    public record Call(String operation, JsonNode body) {
    }

    private record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Reply>> scripted = new HashMap<>();
    private final Map<String, String> executionInputs = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> mapRunCounts = new ConcurrentHashMap<>();
    private final Map<String, String[]> failed = new ConcurrentHashMap<>();

    public SfnStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "sfn-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers the next call of {@code operation} with HTTP {@code status} and error {@code type}. */
    public synchronized void failNext(String operation, int status, String type, String message) {
        ObjectNode error = Json.mapper().createObjectNode().put("__type", type).put("message", message);
        scripted.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(new Reply(status, error.toString()));
    }

    /** An execution named {@code name} exists (as if StartExecution had been called). */
    public void start(String name, String input) {
        executionInputs.putIfAbsent(name, input);
    }

    /** The execution {@code name} failed: it may be redriven (once, then it runs again). */
    public void failed(String name) {
        failed(name, "States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold was exceeded");
    }

    /** The execution {@code name} failed with this error and cause (DescribeExecution says so) until redriven. */
    public void failed(String name, String error, String cause) {
        failed.put(name, new String[] {error, cause});
    }

    /** Gives the execution {@code name} a Map Run with these item counts. */
    public void mapRun(String name, long total, long succeeded, long failed) {
        mapRunCounts.put(name, Json.mapper().createObjectNode().put("total", total).put("succeeded", succeeded)
                .put("failed", failed).put("pending", 0).put("running", total - succeeded - failed)
                .put("timedOut", 0).put("aborted", 0).put("resultsWritten", succeeded));
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    /** Names of the executions that exist. */
    public java.util.Set<String> executions() {
        return java.util.Set.copyOf(executionInputs.keySet());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            JsonNode body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
            calls.add(new Call(operation, body));
            Reply reply = scriptedReply(operation);
            if (reply == null) {
                reply = answer(operation, body);
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().set("x-amzn-RequestId", "stub-" + calls.size());
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private synchronized Reply scriptedReply(String operation) {
        Deque<Reply> queue = scripted.get(operation);
        return queue == null ? null : queue.poll();
    }

    private Reply answer(String operation, JsonNode body) {
        return switch (operation) {
            case "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat" -> new Reply(200, "{}");
            case "StartExecution" -> start(body);
            case "DescribeExecution" -> describe(body.path("executionArn").asText());
            case "ListMapRuns" -> listMapRuns(body.path("executionArn").asText());
            case "DescribeMapRun" -> describeMapRun(body.path("mapRunArn").asText());
            case "RedriveExecution" -> redrive(body.path("executionArn").asText());
            default -> error("UnknownOperationException", "stub does not offer " + operation);
        };
    }

    private synchronized Reply start(JsonNode body) {
        String name = body.path("name").asText();
        String input = body.path("input").asText();
        String existing = executionInputs.putIfAbsent(name, input);
        if (existing != null && !existing.equals(input)) {
            return error("ExecutionAlreadyExists", "Execution Already Exists: '" + arn(name) + "'");
        }
        return new Reply(200, Json.mapper().createObjectNode().put("executionArn", arn(name))
                .put("startDate", 1.7e9).toString());
    }

    private Reply describe(String executionArn) {
        String name = executionArn.substring(executionArn.lastIndexOf(':') + 1);
        String input = executionInputs.get(name);
        if (input == null || !executionArn.equals(arn(name))) {
            return error("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'");
        }
        ObjectNode answer = Json.mapper().createObjectNode().put("executionArn", executionArn)
                .put("stateMachineArn", STATE_MACHINE_ARN).put("name", name).put("status", "RUNNING")
                .put("startDate", 1.7e9).put("input", input);
        String[] failure = failed.get(name);
        if (failure != null) {
            answer.put("status", "FAILED").put("stopDate", 1.7e9).put("error", failure[0]).put("cause", failure[1]);
        }
        return new Reply(200, answer.toString());
    }

    private Reply redrive(String executionArn) {
        String name = executionArn.substring(executionArn.lastIndexOf(':') + 1);
        if (!executionInputs.containsKey(name) || !executionArn.equals(arn(name))) {
            return error("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'");
        }
        if (failed.remove(name) == null) {
            return error("ExecutionNotRedrivable", "Execution is RUNNING and cannot be redriven");
        }
        return new Reply(200, Json.mapper().createObjectNode().put("redriveDate", 1.7e9).toString());
    }

    private Reply listMapRuns(String executionArn) {
        String name = executionArn.substring(executionArn.lastIndexOf(':') + 1);
        ObjectNode answer = Json.mapper().createObjectNode();
        var runs = answer.putArray("mapRuns");
        if (mapRunCounts.containsKey(name)) {
            runs.addObject().put("executionArn", executionArn).put("mapRunArn", "maprun:" + name)
                    .put("stateMachineArn", STATE_MACHINE_ARN).put("startDate", 1.7e9);
        }
        return new Reply(200, answer.toString());
    }

    private Reply describeMapRun(String mapRunArn) {
        ObjectNode counts = mapRunCounts.get(mapRunArn.substring("maprun:".length()));
        ObjectNode answer = Json.mapper().createObjectNode().put("mapRunArn", mapRunArn).put("status", "RUNNING");
        answer.set("itemCounts", counts);
        return new Reply(200, answer.toString());
    }

    public static String arn(String name) {
        return STATE_MACHINE_ARN.replace(":stateMachine:", ":execution:") + ":" + name;
    }

    private static Reply error(String type, String message) {
        return new Reply(400, Json.mapper().createObjectNode().put("__type", type).put("message", message)
                .toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
