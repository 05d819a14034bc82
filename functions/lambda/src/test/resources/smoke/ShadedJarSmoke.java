import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.fanout.lambda.ApiHandler;
import dev.fanout.lambda.WorkerHandler;
import dev.fanout.lambda.Wiring;
import dev.fanout.lambda.internal.Priming;
import java.util.List;
import java.util.Map;

/**
 * Runs against nothing but the shaded jar (java -cp fanout-lambda.jar ShadedJarSmoke.java): wiring, job
 * discovery, JSON, structured logging, two handlers and the SnapStart priming hook, with no network needed.
 */
public class ShadedJarSmoke {
    public static void main(String[] args) {
        Map<String, String> env = Map.of("INPUT_BUCKET", "in", "WORK_BUCKET", "work", "RESULTS_BUCKET", "results",
                "STATE_MACHINE_ARN", "arn:aws:states:us-east-1:000000000000:stateMachine:fanout",
                "WORK_QUEUE_URL", "http://127.0.0.1:9/000000000000/work",
                "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "y",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        try (Wiring wiring = Wiring.from(env)) {
            System.out.println("JOBS " + wiring.jobs().names());
            var api = new ApiHandler(wiring).handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                    .withPath("/jobs").withBody("{\"jobType\":\"no-such-type\",\"input\":{\"items\":[1]}}"), null);
            System.out.println("API " + api.getStatusCode() + " " + api.getBody());
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m-1");
            message.setBody("not a work message");
            message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            SQSEvent event = new SQSEvent();
            event.setRecords(List.of(message));
            var batch = new WorkerHandler(wiring).handleRequest(event, null);
            System.out.println("WORKER " + batch.getBatchItemFailures().getFirst().getItemIdentifier());
            System.out.println("PRIMED in " + Priming.register(wiring.clients()).prime() + " ms");
        }
    }
}
