import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.fanout.core.error.InputNotFoundException;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.ObjectPrefix;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.pipeline.WorkMessage;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.ObjectOutput;
import dev.fanout.lambda.ApiHandler;
import dev.fanout.lambda.ReducerHandler;
import dev.fanout.lambda.S3TriggerHandler;
import dev.fanout.lambda.SplitterHandler;
import dev.fanout.lambda.Wiring;
import dev.fanout.lambda.WorkerHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Runs a whole wordcount job through every handler, each built as Lambda builds it (no-arg constructor, settings
 * from the process environment), against nothing but the shaded jar and the S3 and Step Functions endpoints the
 * environment names: java -cp fanout-lambda.jar ShadedJarPipeline.java INPUT_KEY. Prints one line per step.
 */
public class ShadedJarPipeline {
    public static void main(String[] args) throws Exception {
        String input = System.getenv("INPUT_BUCKET");
        String key = args[0];
        var api = new ApiHandler().handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST")
                .withPath("/jobs").withBody("{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://" + input + "/"
                        + key + "\"},\"chunkSizeBytes\":1024}"), null);
        String jobId = Json.mapper().readTree(api.getBody()).path("jobId").asText();
        System.out.println("API POST " + api.getStatusCode() + " " + jobId);

        JobRequest request = new JobRequest(jobId, "wordcount", new ObjectLocation(input, key), 1024L, null, null, 0,
                Map.of());
        ByteArrayOutputStream planned = new ByteArrayOutputStream();
        new SplitterHandler().handleRequest(new ByteArrayInputStream(Json.writeBytes(request)), planned, null);
        SplitPlan plan = Json.read(planned.toByteArray(), SplitPlan.class);
        System.out.println("SPLIT " + plan.chunks());

        try (Wiring wiring = Wiring.fromEnvironment()) {
            BlobStore blobs = wiring.blobs();
            System.out.println("WORKER failures " + work(blobs, plan));
            System.out.println("RESULT " + reduce(blobs, plan));

            var status = new ApiHandler().handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                    .withPath("/jobs/" + jobId).withPathParameters(Map.of("jobId", jobId)), null);
            System.out.println("API GET " + status.getStatusCode());

            var info = blobs.head(new ObjectLocation(input, key)).orElseThrow();
            System.out.println("HEAD missing " + blobs.head(new ObjectLocation(input, "no/such/key")).isEmpty());
            try {
                blobs.openRange(info.location(), 0, 1, "not-the-etag").read();
                System.out.println("IF-MATCH ignored");
            } catch (InputNotFoundException e) {
                System.out.println("IF-MATCH refused");
            }

            String incoming = "incoming/wordcount/" + key;
            blobs.put(new ObjectLocation(input, incoming), blobs.get(info.location()).orElseThrow().body(),
                    "text/plain", Map.of());
            String etag = blobs.head(new ObjectLocation(input, incoming)).orElseThrow().etag();
            var record = new S3EventNotification.S3EventNotificationRecord("us-east-1", "ObjectCreated:Put", "aws:s3",
                    "2026-11-27T06:00:00.000Z", "2.1", new S3EventNotification.RequestParametersEntity("203.0.113.7"),
                    new S3EventNotification.ResponseElementsEntity("x", "y"),
                    new S3EventNotification.S3Entity("fanout-incoming", new S3EventNotification.S3BucketEntity(input,
                            new S3EventNotification.UserIdentityEntity("p"), "arn:aws:s3:::" + input),
                            new S3EventNotification.S3ObjectEntity(incoming, info.size(), etag, null, "1"), "1.0"),
                    new S3EventNotification.UserIdentityEntity("p"));
            new S3TriggerHandler().handleRequest(new S3Event(List.of(record)), null);
            System.out.println("TRIGGER done");

            // a streamed object past one part is a multipart upload; an abandoned one leaves nothing
            ObjectLocation big = new ObjectLocation(input, "out/big.bin");
            try (ObjectOutput out = blobs.create(big, "application/octet-stream", Map.of())) {
                byte[] mib = new byte[1 << 20];
                for (int i = 0; i < 9; i++) {
                    out.write(mib, 0, mib.length);
                }
                out.commit();
            }
            System.out.println("MULTIPART " + blobs.head(big).orElseThrow().size());
            ObjectLocation abandoned = new ObjectLocation(input, "out/abandoned.bin");
            try (ObjectOutput out = blobs.create(abandoned, "application/octet-stream", Map.of())) {
                out.write(new byte[9 << 20], 0, 9 << 20);
            }
            System.out.println("ABANDONED absent " + blobs.head(abandoned).isEmpty());

            // a map-only job over a prefix, a gzip object among its objects
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream zip = new GZIPOutputStream(gz)) {
                zip.write("ERROR one\nok\n".getBytes(StandardCharsets.UTF_8));
            }
            blobs.put(new ObjectLocation(input, "logs/a.log.gz"), gz.toByteArray(), "application/gzip", Map.of());
            blobs.put(new ObjectLocation(input, "logs/b.log"), "ok\nERROR two\n".getBytes(StandardCharsets.UTF_8),
                    "text/plain", Map.of());
            JobRequest grep = new JobRequest("grep-job", "grep", null, 1024L, null, null, 0, Map.of("pattern",
                    "ERROR"), new ObjectPrefix(input, "logs/"));
            ByteArrayOutputStream grepPlanned = new ByteArrayOutputStream();
            new SplitterHandler().handleRequest(new ByteArrayInputStream(Json.writeBytes(grep)), grepPlanned, null);
            SplitPlan grepPlan = Json.read(grepPlanned.toByteArray(), SplitPlan.class);
            System.out.println("GREP SPLIT " + grepPlan.chunks() + " failures " + work(blobs, grepPlan));
            System.out.println("GREP RESULT " + reduce(blobs, grepPlan));
        }
    }

    private static int work(BlobStore blobs, SplitPlan plan) {
        Chunk[] chunks = Json.read(blobs.get(plan.manifest()).orElseThrow().body(), Chunk[].class);
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (Chunk chunk : chunks) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m-" + chunk.index());
            message.setBody(Json.write(new WorkMessage("token-" + chunk.index(), chunk)));
            message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return new WorkerHandler().handleRequest(event, null).getBatchItemFailures().size();
    }

    private static String reduce(BlobStore blobs, SplitPlan plan) throws Exception {
        ByteArrayOutputStream reduced = new ByteArrayOutputStream();
        new ReducerHandler().handleRequest(new ByteArrayInputStream(("{\"action\":\"reduce\",\"plan\":"
                + Json.write(plan) + "}").getBytes(StandardCharsets.UTF_8)), reduced, null);
        String resultUri = Json.mapper().readTree(reduced.toByteArray()).path("resultUri").asText();
        ObjectLocation result = ObjectLocation.parseUri(resultUri, "resultUri");
        return new String(blobs.get(result).orElseThrow().body(), StandardCharsets.UTF_8);
    }
}
