package dev.fanout.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.Splitter;
import dev.fanout.lambda.internal.LogContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine's {@code SplitInput} task: the execution input (a {@link JobRequest}) in, the
 * {@link SplitPlan} out. Exceptions propagate: Step Functions sees their class names as error names.
 *
 * <pre>{@code
 * new SplitterHandler(Wiring.from(env)).handleRequest(jobRequestJson, planJsonOut, context);
 * }</pre>
 */
public final class SplitterHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SplitterHandler.class);

    private final Splitter splitter;

    /** Lambda's entry point. */
    public SplitterHandler() {
        this(Wiring.fromEnvironment());
    }

    public SplitterHandler(Wiring wiring) {
        this(wiring.splitter());
    }

    SplitterHandler(Splitter splitter) {
        this.splitter = Objects.requireNonNull(splitter, "splitter");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JobRequest request = Json.mapper().readValue(input, JobRequest.class);
        SplitPlan plan = LogContext.invocation(context, () -> LogContext.with(
                Map.of(LogContext.JOB_ID, request.jobId()), () -> {
                    SplitPlan planned = splitter.split(request);
                    LOG.info("planned {} chunks over {} bytes of {}", planned.chunks(), planned.bytes(),
                            request.inputUri());
                    return planned;
                }));
        Json.mapper().writeValue(output, plan);
    }
}
