package dev.fanout.asl.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS JSON 1.0 over HTTP: {@code POST /} with {@code X-Amz-Target: AWSStepFunctions.<Operation>}; errors are
 * {@code 400 {"__type":..., "message":...}} (the SDK v2 and the AWS CLI read the code from {@code __type}).
 */
final class JsonProtocolHandler implements HttpHandler {
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final Logger LOG = LoggerFactory.getLogger(JsonProtocolHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Operations operations;
    private final RequestFilter filter;

    JsonProtocolHandler(Operations operations, RequestFilter filter) {
        this.operations = operations;
        this.filter = filter;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Answer answer = answer(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    body);
            byte[] bytes = JSON.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** One HTTP answer: status and JSON body. */
    record Answer(int status, ObjectNode body) {
    }

    Answer answer(String method, String target, byte[] body) {
        try {
            Request request = parse(method, target, body);
            Optional<ErrorAnswer> injected = filter.filter(request.operation(), request.body().deepCopy());
            if (injected.isPresent()) {
                ErrorAnswer e = injected.get();
                return new Answer(e.status(), WireFormat.object().put("__type", e.type()).put("message", e.message()));
            }
            return new Answer(200, operations.invoke(request));
        } catch (StepFunctionsException e) {
            return error(e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Step Functions API request {} failed", target, e);
            return new Answer(500, WireFormat.object().put("__type", "InternalFailure")
                    .put("message", String.valueOf(e.getMessage())));
        }
    }

    private static Request parse(String method, String target, byte[] body) {
        if (!"POST".equals(method)) {
            throw new StepFunctionsException(SfnErrorCode.UNKNOWN_OPERATION,
                    "Only POST is supported by the AWS JSON protocol, not " + method);
        }
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw new StepFunctionsException(SfnErrorCode.UNKNOWN_OPERATION,
                    "Missing or unknown X-Amz-Target header: " + target);
        }
        String operation = target.substring(TARGET_PREFIX.length());
        return new Request(operation, parseBody(body));
    }

    private static ObjectNode parseBody(byte[] body) {
        if (body.length == 0) {
            return WireFormat.object();
        }
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                return WireFormat.object();
            }
            if (!tree.isObject()) {
                throw new StepFunctionsException(SfnErrorCode.SERIALIZATION,
                        "The request body must be a JSON object");
            }
            return (ObjectNode) tree;
        } catch (JsonProcessingException e) {
            throw new StepFunctionsException(SfnErrorCode.SERIALIZATION,
                    "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new StepFunctionsException(SfnErrorCode.SERIALIZATION, e.getMessage());
        }
    }

    private static Answer error(SfnErrorCode code, String message) {
        return new Answer(400, WireFormat.object().put("__type", code.code()).put("message", message));
    }
}
