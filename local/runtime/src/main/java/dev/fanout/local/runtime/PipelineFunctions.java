package dev.fanout.local.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
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
import java.util.Map;

/**
 * The deployed handler classes, constructed once (like a warm Lambda container) from the functions' environment
 * map and called with the Lambda event types.
 */
final class PipelineFunctions implements AutoCloseable {
    private final Wiring wiring;
    private final SplitterHandler splitter;
    private final ReducerHandler reducer;
    private final WorkerHandler worker;
    private final ApiHandler api;
    private final S3TriggerHandler trigger;

    PipelineFunctions(Map<String, String> environment) {
        this.wiring = Wiring.from(environment);
        this.splitter = new SplitterHandler(wiring);
        this.reducer = new ReducerHandler(wiring);
        this.worker = new WorkerHandler(wiring);
        this.api = new ApiHandler(wiring);
        this.trigger = new S3TriggerHandler(wiring);
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

    AwsClients clients() {
        return wiring.clients();
    }

    @Override
    public void close() {
        wiring.close();
    }
}
