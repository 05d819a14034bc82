package dev.fanout.lambda.internal;

import java.util.Locale;
import java.util.Map;

/** What an API request asks for: the REST API's two resources, or why it matches neither. */
public sealed interface ApiRoute {
    String JOBS = "/jobs";
    String JOB = "/jobs/{jobId}";

    record SubmitJob() implements ApiRoute {
    }

    record GetJob(String jobId) implements ApiRoute {
    }

    record MethodNotAllowed(String allowed) implements ApiRoute {
    }

    record NotFound() implements ApiRoute {
    }

    /**
     * Routes by API Gateway's {@code resource} template when present (with the {@code jobId} path parameter),
     * else by the raw {@code path}.
     */
    static ApiRoute resolve(String method, String resource, String path, Map<String, String> pathParameters) {
        String verb = method == null ? "" : method.toUpperCase(Locale.ROOT);
        if (resource != null && !resource.isBlank()) {
            String jobId = pathParameters == null ? null : pathParameters.get("jobId");
            return byTemplate(verb, trimSlash(resource), jobId);
        }
        String trimmed = trimSlash(path == null ? "" : path);
        if (trimmed.equals(JOBS)) {
            return byTemplate(verb, JOBS, null);
        }
        if (trimmed.startsWith(JOBS + "/")) {
            String jobId = trimmed.substring(JOBS.length() + 1);
            return jobId.isEmpty() || jobId.contains("/") ? new NotFound() : byTemplate(verb, JOB, jobId);
        }
        return new NotFound();
    }

    private static ApiRoute byTemplate(String verb, String template, String jobId) {
        if (template.equals(JOBS)) {
            return verb.equals("POST") ? new SubmitJob() : new MethodNotAllowed("POST");
        }
        if (template.equals(JOB) && jobId != null && !jobId.isEmpty()) {
            return verb.equals("GET") ? new GetJob(jobId) : new MethodNotAllowed("GET");
        }
        return new NotFound();
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
