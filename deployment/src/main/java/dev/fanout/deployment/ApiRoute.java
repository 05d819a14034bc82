package dev.fanout.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The jobs API's routes — the one table the REST API in the stack, the API function and the local API server are
 * built from.
 *
 * <pre>{@code
 * ApiRoute.resolve("GET", "/jobs/job-1");   // Matched[route=GET_JOB, pathParameters={jobId=job-1}]
 * ApiRoute.resolve("PUT", "/jobs/job-1");   // MethodNotAllowed[allowed=GET]
 * ApiRoute.resolve("POST", "/jobs/job-1/redrive");   // Matched[route=REDRIVE_JOB, pathParameters={jobId=job-1}]
 * }</pre>
 */
public enum ApiRoute {
    /** Starts a job; the body is a JSON job request. */
    SUBMIT_JOB("POST", "/jobs", true),
    /** A job's status. */
    GET_JOB("GET", "/jobs/{jobId}", false),
    /** Redrives a failed job: only its failed chunks run again. */
    REDRIVE_JOB("POST", "/jobs/{jobId}/redrive", false);

    /** The stage the stack deploys the API to: URLs are {@code https://<api>.execute-api.<region>.amazonaws.com/v1/jobs}. */
    public static final String STAGE = "v1";

    private final String method;
    private final String resource;
    private final boolean jsonBody;

    ApiRoute(String method, String resource, boolean jsonBody) {
        this.method = method;
        this.resource = resource;
        this.jsonBody = jsonBody;
    }

    /** The HTTP method, upper case. */
    public String method() {
        return method;
    }

    /** API Gateway's resource path template, e.g. {@code /jobs/{jobId}}. */
    public String resource() {
        return resource;
    }

    /** Whether the request carries a JSON body (the stack validates that it is a JSON object). */
    public boolean jsonBody() {
        return jsonBody;
    }

    /** The resource's path parts, e.g. {@code [jobs, {jobId}]}. */
    public List<String> pathParts() {
        return List.of(resource.substring(1).split("/"));
    }

    /** Names of the path parameters, e.g. {@code [jobId]}. */
    public List<String> pathParameters() {
        List<String> names = new ArrayList<>();
        for (String part : pathParts()) {
            if (part.startsWith("{") && part.endsWith("}")) {
                names.add(part.substring(1, part.length() - 1));
            }
        }
        return List.copyOf(names);
    }

    /** What a request asks for. */
    public sealed interface Resolution {
    }

    /** A route, with its path parameters as they appear in the path (not URL-decoded). */
    public record Matched(ApiRoute route, Map<String, String> pathParameters) implements Resolution {
        public Matched {
            Objects.requireNonNull(route, "route");
            pathParameters = Map.copyOf(pathParameters);
        }
    }

    /** A resource of the API, but not with this method; {@code allowed} is the method that is. */
    public record MethodNotAllowed(String allowed) implements Resolution {
    }

    /** No resource of the API. */
    public record NotFound() implements Resolution {
    }

    /**
     * By request path, e.g. {@code /jobs/job-1} (without a stage prefix; one trailing slash is ignored).
     * The method is compared ignoring case.
     */
    public static Resolution resolve(String method, String path) {
        String trimmed = path == null ? "" : path;
        if (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (!trimmed.startsWith("/")) {
            return new NotFound();
        }
        String[] parts = trimmed.substring(1).split("/", -1);
        for (ApiRoute route : values()) {
            Map<String, String> parameters = route.bind(parts);
            if (parameters != null) {
                return byMethod(route, method, parameters);
            }
        }
        return new NotFound();
    }

    /**
     * By API Gateway's {@code resource} template (e.g. {@code /jobs/{jobId}}) and the path parameters it extracted,
     * as a proxy integration's event carries them.
     */
    public static Resolution resolveResource(String method, String resourceTemplate, Map<String, String> parameters) {
        String template = resourceTemplate == null ? "" : resourceTemplate;
        if (template.length() > 1 && template.endsWith("/")) {
            template = template.substring(0, template.length() - 1);
        }
        for (ApiRoute route : values()) {
            if (route.resource.equals(template)) {
                Map<String, String> bound = new LinkedHashMap<>();
                for (String name : route.pathParameters()) {
                    String value = parameters == null ? null : parameters.get(name);
                    if (value == null || value.isEmpty()) {
                        return new NotFound();
                    }
                    bound.put(name, value);
                }
                return byMethod(route, method, bound);
            }
        }
        return new NotFound();
    }

    private static Resolution byMethod(ApiRoute route, String method, Map<String, String> parameters) {
        String verb = method == null ? "" : method.toUpperCase(Locale.ROOT);
        // one method per resource: another method on the same resource is "not allowed", not "not found"
        for (ApiRoute candidate : values()) {
            if (candidate.resource.equals(route.resource) && candidate.method.equals(verb)) {
                return new Matched(candidate, parameters);
            }
        }
        return new MethodNotAllowed(route.method);
    }

    /** The path parameters if {@code parts} fit this route's template, else null. */
    private Map<String, String> bind(String[] parts) {
        List<String> template = pathParts();
        if (parts.length != template.size()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String expected = template.get(i);
            if (expected.startsWith("{")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                parameters.put(expected.substring(1, expected.length() - 1), parts[i]);
            } else if (!expected.equals(parts[i])) {
                return null;
            }
        }
        return parameters;
    }
}
