package dev.fanout.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.MapRunResult;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Reducer;
import dev.fanout.core.port.Executions;
import dev.fanout.lambda.internal.LogContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine's {@code ReduceResults} and {@code CombineGroup} tasks, and the failure report:
 * {@code {"action":"reduce","plan":{...},"mapResult":{"mapRunArn","results":{"bucket","key"}}}} → {@code ReduceResult}
 * (the Map's result names its ResultWriter files, which tell the chunks that failed without a failure record — on
 * the direct path and after a combine level alike);
 * {@code {"action":"combine","group":3,"plan":{...}}} → {@code CombineResult};
 * {@code {"action":"reportFailure","jobId","error","cause"}} → {@code FailureReport}; the stack's rule on the
 * execution's status change (FAILED, TIMED_OUT, ABORTED) sends {@code {"action":"reportFailure","jobId",
 * "executionArn"}}, and then the error and cause are the execution's.
 * Exceptions propagate: Step Functions sees their class names as error names.
 *
 * <pre>{@code
 * new ReducerHandler(Wiring.from(env)).handleRequest(
 *         new ByteArrayInputStream("{\"action\":\"reduce\",\"plan\":{...}}".getBytes(UTF_8)), out, context);
 * }</pre>
 */
public final class ReducerHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReducerHandler.class);

    private final Reducer reducer;
    private final Function<String, Optional<Executions.ExecutionView>> executions;

    /** Lambda's entry point. */
    public ReducerHandler() {
        this(Wiring.fromEnvironment());
    }

    public ReducerHandler(Wiring wiring) {
        this(wiring.reducer(), wiring::describeExecution);
    }

    ReducerHandler(Reducer reducer, Function<String, Optional<Executions.ExecutionView>> executions) {
        this.reducer = Objects.requireNonNull(reducer, "reducer");
        this.executions = Objects.requireNonNull(executions, "executions");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode request = Json.mapper().readTree(input);
        String action = request.path("action").asText("");
        Object answer = switch (action) {
            case "reduce" -> {
                SplitPlan plan = Json.mapper().treeToValue(request.path("plan"), SplitPlan.class);
                JsonNode mapNode = request.path("mapResult");
                MapRunResult mapResult = mapNode.isObject()
                        ? Json.mapper().treeToValue(mapNode, MapRunResult.class) : null;
                yield LogContext.invocation(context, () -> LogContext.with(jobKey(plan.jobId()), () -> {
                    var result = reducer.reduce(plan, mapResult);
                    if (result.partial()) {
                        LOG.warn("reduced {} chunks, {} records into {}; {} chunks failed within the tolerance and "
                                + "are missing (summary.json names them)", result.chunks(), result.records(),
                                result.resultUri(), result.failedChunks());
                    } else {
                        LOG.info("reduced {} chunks, {} records into {}", result.chunks(), result.records(),
                                result.resultUri());
                    }
                    return result;
                }));
            }
            case "combine" -> {
                SplitPlan plan = Json.mapper().treeToValue(request.path("plan"), SplitPlan.class);
                JsonNode group = request.path("group");
                if (!group.canConvertToInt()) {
                    throw new IllegalArgumentException("a combine request needs \"group\", a whole number");
                }
                yield LogContext.invocation(context, () -> LogContext.with(jobKey(plan.jobId()), () -> {
                    var result = reducer.combine(plan, group.intValue());
                    LOG.info("combined group {}: {} chunks ({} without a partial) into {}", result.group(), result.chunks(),
                            result.missingChunks(), result.combinedUri());
                    return result;
                }));
            }
            case "reportFailure" -> {
                String jobId = text(request, "jobId");
                yield LogContext.invocation(context, () -> LogContext.with(jobKey(jobId), () -> {
                    String error = text(request, "error");
                    String cause = text(request, "cause");
                    String executionArn = text(request, "executionArn");
                    if (error == null && executionArn != null) {
                        // a status-change event names the execution only: its error and cause are the execution's
                        Optional<Executions.ExecutionView> view = executions.apply(executionArn);
                        error = view.map(v -> v.error() != null ? v.error() : v.status().name()).orElse(null);
                        cause = view.map(v -> v.cause() != null ? v.cause() : "the job ended " + v.status())
                                .orElse(null);
                    }
                    var report = reducer.reportFailure(jobId, error, cause);
                    LOG.info("job failed: {}", report.error());
                    return report;
                }));
            }
            default -> throw new IllegalArgumentException(
                    "unknown action '" + action + "'; expected \"reduce\", \"combine\" or \"reportFailure\"");
        };
        Json.mapper().writeValue(output, answer);
    }

    private static Map<String, String> jobKey(String jobId) {
        Map<String, String> keys = new HashMap<>();
        keys.put(LogContext.JOB_ID, jobId);
        return keys;
    }

    private static String text(JsonNode request, String field) {
        JsonNode node = request.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
