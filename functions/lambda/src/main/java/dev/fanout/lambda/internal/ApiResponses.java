package dev.fanout.lambda.internal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.fanout.core.json.Json;
import dev.fanout.core.pipeline.JobView;
import dev.fanout.core.pipeline.Submitted;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's response shapes: JSON bodies, and errors as {@code {"error", "message", "field"?}}. */
public final class ApiResponses {
    private ApiResponses() {
    }

    /**
     * 202: the job was accepted (or, for a repeated clientToken, had been already). {@code basePath} is what
     * precedes the API's own paths in the caller's URL ({@code /prod} for a stage, or empty).
     */
    public static APIGatewayProxyResponseEvent accepted(Submitted submitted, String basePath) {
        String statusUrl = basePath + statusPath(submitted.jobId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", submitted.jobId());
        body.put("status", submitted.status().name());
        body.put("statusUrl", statusUrl);
        body.put("duplicate", submitted.duplicate());
        return json(202, body).withHeaders(Map.of("Content-Type", "application/json", "Location", statusUrl));
    }

    /**
     * The stage prefix when the caller's URL carries it: API Gateway's default endpoint has {@code /{stage}} in
     * the path, a custom domain or a local server does not.
     */
    public static String basePath(String stage, String requestPath, String resourcePath) {
        if (stage == null || stage.isBlank() || requestPath == null || resourcePath == null) {
            return "";
        }
        String prefix = "/" + stage;
        return requestPath.equals(prefix + resourcePath) ? prefix : "";
    }

    public static APIGatewayProxyResponseEvent job(JobView view) {
        return json(200, view);
    }

    public static APIGatewayProxyResponseEvent invalidRequest(String field, String problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "InvalidRequest");
        body.put("field", field);
        body.put("message", field + ": " + problem);
        return json(400, body);
    }

    public static APIGatewayProxyResponseEvent jobNotFound(String jobId) {
        return error(404, "NotFound", "no job with id '" + jobId + "'");
    }

    public static APIGatewayProxyResponseEvent routeNotFound(String method, String path) {
        return error(404, "NotFound", "no route for " + method + " " + path
                + "; the API offers POST /jobs, GET /jobs/{jobId} and POST /jobs/{jobId}/redrive");
    }

    /** 202: the job runs again, from where it failed; its status is at {@code statusUrl}. */
    public static APIGatewayProxyResponseEvent redriven(String jobId, String basePath) {
        String statusUrl = basePath + statusPath(jobId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", jobId);
        body.put("status", "RUNNING");
        body.put("statusUrl", statusUrl);
        return json(202, body).withHeaders(Map.of("Content-Type", "application/json", "Location", statusUrl));
    }

    /** 409 with Step Functions' reason, e.g. "Execution is SUCCEEDED and cannot be redriven". */
    public static APIGatewayProxyResponseEvent notRedrivable(String jobId, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "NotRedrivable");
        body.put("jobId", jobId);
        body.put("message", reason == null || reason.isBlank() ? "the job cannot be redriven" : reason);
        return json(409, body);
    }

    public static APIGatewayProxyResponseEvent methodNotAllowed(String method, String allowed) {
        return error(405, "MethodNotAllowed", method + " is not allowed here; use " + allowed)
                .withHeaders(Map.of("Content-Type", "application/json", "Allow", allowed));
    }

    public static APIGatewayProxyResponseEvent unavailable() {
        return error(503, "ServiceUnavailable", "a backing service is busy or unavailable; try again shortly")
                .withHeaders(Map.of("Content-Type", "application/json", "Retry-After", "5"));
    }

    /** No internals in the body: the request id leads an operator to the log line with the details. */
    public static APIGatewayProxyResponseEvent internalError(String requestId) {
        return error(500, "InternalError", "internal error" + (requestId == null ? "" : "; request id " + requestId));
    }

    private static APIGatewayProxyResponseEvent error(int status, String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return json(status, body);
    }

    private static APIGatewayProxyResponseEvent json(int status, Object body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(Json.write(body));
    }

    static String statusPath(String jobId) {
        return "/jobs/" + jobId;
    }
}
