package dev.fanout.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.error.RetryableException;
import dev.fanout.core.pipeline.JobSubmission;
import dev.fanout.core.pipeline.Submitted;
import dev.fanout.core.port.Executions;
import dev.fanout.deployment.ApiRoute;
import dev.fanout.lambda.internal.ApiResponses;
import dev.fanout.lambda.internal.LogContext;
import dev.fanout.lambda.internal.PipelineMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API (API Gateway v1 proxy integration): {@code POST /jobs} starts a job (202), {@code GET
 * /jobs/{jobId}} shows one (200, or 404), {@code POST /jobs/{jobId}/redrive} redrives a failed one (202, 404, or 409
 * when Step Functions cannot redrive it). Bad requests get a 400 naming the field and the problem.
 *
 * <pre>{@code
 * APIGatewayProxyResponseEvent response = new ApiHandler(Wiring.from(env)).handleRequest(
 *         new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/jobs/" + jobId), context);
 * }</pre>
 */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final JobSubmission submission;
    private final PipelineMetrics metrics;

    /** Lambda's entry point. */
    public ApiHandler() {
        this(Wiring.fromEnvironment());
    }

    public ApiHandler(Wiring wiring) {
        this(wiring.submission(), wiring.metrics());
    }

    ApiHandler(JobSubmission submission, PipelineMetrics metrics) {
        this.submission = Objects.requireNonNull(submission, "submission");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return LogContext.invocation(context, () -> {
            try {
                return route(event);
            } catch (InvalidRequestException e) {
                LOG.info("bad request: {}", e.getMessage());
                return ApiResponses.invalidRequest(e.field(), e.problem());
            } catch (RetryableException e) {
                LOG.warn("backing service unavailable", e);
                return ApiResponses.unavailable();
            } catch (RuntimeException e) {
                LOG.error("request failed", e);
                return ApiResponses.internalError(context == null ? null : context.getAwsRequestId());
            } finally {
                metrics.flush();
            }
        });
    }

    private APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        return switch (resolve(event)) {
            case ApiRoute.Matched matched -> switch (matched.route()) {
                case SUBMIT_JOB -> submit(body(event), basePath(event));
                case GET_JOB -> job(matched.pathParameters().get("jobId"));
                case REDRIVE_JOB -> redrive(matched.pathParameters().get("jobId"), basePath(event));
            };
            case ApiRoute.MethodNotAllowed notAllowed ->
                    ApiResponses.methodNotAllowed(event.getHttpMethod(), notAllowed.allowed());
            case ApiRoute.NotFound notFound -> ApiResponses.routeNotFound(event.getHttpMethod(), event.getPath());
        };
    }

    /**
     * By API Gateway's {@code resource} template when the event has one (with the {@code jobId} path parameter),
     * else by the raw {@code path}.
     */
    static ApiRoute.Resolution resolve(APIGatewayProxyRequestEvent event) {
        String resource = event.getResource();
        if (resource != null && !resource.isBlank()) {
            return ApiRoute.resolveResource(event.getHttpMethod(), resource, event.getPathParameters());
        }
        return ApiRoute.resolve(event.getHttpMethod(), event.getPath());
    }

    private APIGatewayProxyResponseEvent job(String jobId) {
        return LogContext.with(Map.of(LogContext.JOB_ID, jobId), () -> submission.status(jobId)
                .map(ApiResponses::job)
                .orElseGet(() -> ApiResponses.jobNotFound(jobId)));
    }

    /** 202 with the job's status when it runs again; 404 for an unknown job; 409 with Step Functions' reason. */
    private APIGatewayProxyResponseEvent redrive(String jobId, String basePath) {
        return LogContext.with(Map.of(LogContext.JOB_ID, jobId), () -> {
            Executions.RedriveOutcome outcome = submission.redrive(jobId);
            return switch (outcome.status()) {
                case REDRIVEN -> {
                    LOG.info("job redriven");
                    yield ApiResponses.redriven(jobId, basePath);
                }
                case NOT_FOUND -> ApiResponses.jobNotFound(jobId);
                case NOT_REDRIVABLE -> {
                    LOG.info("job not redriven: {}", outcome.reason());
                    yield ApiResponses.notRedrivable(jobId, outcome.reason());
                }
            };
        });
    }

    private static String basePath(APIGatewayProxyRequestEvent event) {
        var context = event.getRequestContext();
        return context == null ? "" : ApiResponses.basePath(context.getStage(), context.getPath(), event.getPath());
    }

    private APIGatewayProxyResponseEvent submit(String body, String basePath) {
        Submitted submitted = submission.submit(body);
        LogContext.with(Map.of(LogContext.JOB_ID, submitted.jobId()), () -> {
            if (submitted.duplicate()) {
                LOG.info("job already submitted; not started again");
            } else {
                metrics.jobStarted();
                LOG.info("job started");
            }
            return null;
        });
        return ApiResponses.accepted(submitted, basePath);
    }

    private static String body(APIGatewayProxyRequestEvent event) {
        String body = event.getBody();
        if (body == null) {
            throw new InvalidRequestException("body", "a JSON job request is required");
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("body", "is marked base64-encoded but is not valid base64");
            }
        }
        return body;
    }
}
