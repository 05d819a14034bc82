package dev.fanout.local.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.deployment.PipelineFunction;
import dev.fanout.lambda.ApiHandler;
import dev.fanout.lambda.ReducerHandler;
import dev.fanout.lambda.S3TriggerHandler;
import dev.fanout.lambda.SplitterHandler;
import dev.fanout.lambda.WorkerHandler;
import dev.fanout.lambda.Wiring;
import dev.fanout.lambda.aws.AwsClients;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The deployed handler classes, each constructed once (like a warm Lambda container) from its own function's
 * environment map, and called with the Lambda event types. Each function has its own {@link Wiring}: its SDK
 * clients and thread pools, built on first use from exactly the environment that function is given.
 */
final class PipelineFunctions implements AutoCloseable {
    private final Map<PipelineFunction, Wiring> wirings = new EnumMap<>(PipelineFunction.class);
    private final SplitterHandler splitter;
    private final ReducerHandler reducer;
    private final WorkerHandler worker;
    private final ApiHandler api;
    private final S3TriggerHandler trigger;

    /**
     * @param environments the environment of every function
     * @param jobs         the job types every function knows
     * @param worker       what the runtime wraps around the worker's jobs and ports (counting, chaos)
     */
    PipelineFunctions(Map<PipelineFunction, Map<String, String>> environments, JobRegistry jobs,
                      Wiring.Decorator worker) {
        for (PipelineFunction f : PipelineFunction.values()) {
            Map<String, String> env = environments.get(f);
            if (env == null) {
                throw new IllegalArgumentException("no environment for the " + f + " function");
            }
            wirings.put(f, f == PipelineFunction.WORKER ? Wiring.from(env, jobs, worker) : Wiring.from(env, jobs));
        }
        this.splitter = new SplitterHandler(wirings.get(PipelineFunction.SPLITTER));
        this.reducer = new ReducerHandler(wirings.get(PipelineFunction.REDUCER));
        this.worker = new WorkerHandler(wirings.get(PipelineFunction.WORKER));
        this.api = new ApiHandler(wirings.get(PipelineFunction.API));
        this.trigger = new S3TriggerHandler(wirings.get(PipelineFunction.S3_TRIGGER));
    }

    String split(String payload, Context context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        splitter.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, context);
        return out.toString(StandardCharsets.UTF_8);
    }

    String reduce(String payload, Context context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reducer.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, context);
        return out.toString(StandardCharsets.UTF_8);
    }

    SQSBatchResponse work(SQSEvent event, Context context) {
        return worker.handleRequest(event, context);
    }

    APIGatewayProxyResponseEvent api(APIGatewayProxyRequestEvent event, Context context) {
        return api.handleRequest(event, context);
    }

    Void upload(S3Event event, Context context) {
        return trigger.handleRequest(event, context);
    }

    /** The API function's clients (its environment has every endpoint). */
    AwsClients clients() {
        return wirings.get(PipelineFunction.API).clients();
    }

    @Override
    public void close() {
        wirings.values().forEach(Wiring::close);
    }
}
