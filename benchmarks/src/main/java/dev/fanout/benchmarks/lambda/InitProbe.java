package dev.fanout.benchmarks.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.fanout.lambda.internal.Priming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One handler's cold start in this fresh JVM, as Lambda runs it: the handler class loaded and built with its
 * no-arg constructor (settings from the environment), optionally the SnapStart priming hook, then the first and a
 * second request. Runs from the shaded jar alone (plus this class); prints one line of numbers for
 * {@link LambdaInitBenchmark}:
 * {@code INIT handler=... jvm=ms init=ms prime=ms first=ms second=ms}.
 */
public final class InitProbe {
    private InitProbe() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        long jvm = mainAt - ManagementFactory.getRuntimeMXBean().getStartTime();
        String handler = args[0];
        boolean prime = Boolean.parseBoolean(args[1]);
        Path input = Path.of(args[2]);

        long t0 = System.nanoTime();
        Object instance = Class.forName("dev.fanout.lambda." + handler).getConstructor().newInstance();
        long init = millis(t0);
        long primed = prime ? Priming.primeRegistered() : 0;
        long t1 = System.nanoTime();
        invoke(instance, input);
        long first = millis(t1);
        long t2 = System.nanoTime();
        invoke(instance, input);
        long second = millis(t2);
        System.out.printf("INIT handler=%s jvm=%d init=%d prime=%d first=%d second=%d%n", handler, jvm, init, primed,
                first, second);
        System.exit(0); // the handlers' thread pools are daemons, but the metrics' are not all
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void invoke(Object handler, Path input) throws Exception {
        byte[] body = Files.readAllBytes(input);
        if (handler instanceof RequestStreamHandler stream) {
            stream.handleRequest(new ByteArrayInputStream(body), new ByteArrayOutputStream(), null);
            return;
        }
        RequestHandler typed = (RequestHandler) handler;
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        Object event = switch (handler.getClass().getSimpleName()) {
            case "ApiHandler" -> new APIGatewayProxyRequestEvent().withHttpMethod("POST").withPath("/jobs")
                    .withBody(text);
            case "WorkerHandler" -> sqs(text);
            case "S3TriggerHandler" -> upload(text.trim().split(" "));
            default -> throw new IllegalArgumentException("no event for " + handler.getClass());
        };
        typed.handleRequest(event, null);
    }

    private static SQSEvent sqs(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("m-1");
        message.setBody(body);
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));
        return event;
    }

    /** {@code bucket key size etag} */
    private static S3Event upload(String[] object) {
        var user = new S3EventNotification.UserIdentityEntity("p");
        return new S3Event(List.of(new S3EventNotification.S3EventNotificationRecord("us-east-1", "ObjectCreated:Put",
                "aws:s3", "2026-11-27T06:00:00.000Z", "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("x", "y"), new S3EventNotification.S3Entity("fanout",
                        new S3EventNotification.S3BucketEntity(object[0], user, "arn:aws:s3:::" + object[0]),
                        new S3EventNotification.S3ObjectEntity(object[1], Long.parseLong(object[2]), object[3], null, "1"),
                        "1.0"), user)));
    }
}
