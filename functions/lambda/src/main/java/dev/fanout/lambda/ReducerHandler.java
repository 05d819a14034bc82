package dev.fanout.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Reducer;
import dev.fanout.lambda.internal.LogContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine's {@code ReduceResults}, {@code CombineGroup} and {@code ReportFailure} tasks:
 * {@code {"action":"reduce","plan":{...}}} → {@code ReduceResult};
 * {@code {"action":"combine","group":3,"plan":{...}}} → {@code CombineResult};
 * {@code {"action":"reportFailure","jobId","error","cause"}} → {@code FailureReport}.
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

    /** Lambda's entry point. */
    public ReducerHandler() {
        this(Wiring.fromEnvironment());
    }

    public ReducerHandler(Wiring wiring) {
        this(wiring.reducer());
    }

    ReducerHandler(Reducer reducer) {
        this.reducer = Objects.requireNonNull(reducer, "reducer");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode request = Json.mapper().readTree(input);
        String action = request.path("action").asText("");
        Object answer = switch (action) {
            case "reduce" -> {
                SplitPlan plan = Json.mapper().treeToValue(request.path("plan"), SplitPlan.class);
                yield LogContext.invocation(context, () -> LogContext.with(jobKey(plan.jobId()), () -> {
                    var result = reducer.reduce(plan);
                    LOG.info("reduced {} chunks, {} records into {}", result.chunks(), result.records(),
                            result.resultUri());
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
                    LOG.info("combined group {}: {} chunks ({} failed) into {}", result.group(), result.chunks(),
                            result.missingChunks(), result.combinedUri());
                    return result;
                }));
            }
            case "reportFailure" -> {
                String jobId = text(request, "jobId");
                yield LogContext.invocation(context, () -> LogContext.with(jobKey(jobId), () -> {
                    var report = reducer.reportFailure(jobId, text(request, "error"), text(request, "cause"));
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
