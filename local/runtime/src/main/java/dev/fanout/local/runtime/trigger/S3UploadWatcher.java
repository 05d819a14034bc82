package dev.fanout.local.runtime.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.fanout.local.runtime.lambda.FunctionError;
import dev.fanout.local.runtime.lambda.LocalFunction;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 upload trigger. The embedded S3 server sends no event notifications, so this polls the input bucket's
 * prefix and delivers an {@code s3:ObjectCreated:Put} {@link S3Event} (URL-encoded key, size, eTag, sequencer,
 * as S3 does) to the trigger function for every new key/ETag pair. Like S3's (at-least-once) notifications, a
 * failed invocation is retried on the next poll; the function must cope with duplicates.
 *
 * <pre>{@code
 * try (var watcher = S3UploadWatcher.start(s3, "input-bucket", "incoming/", "us-east-1", triggerFunction,
 *         (event, ctx) -> { triggerHandler.handleRequest(event, ctx); return null; },
 *         Duration.ofMillis(200), Clock.systemUTC())) { ... }
 * }</pre>
 */
public final class S3UploadWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3UploadWatcher.class);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String region;
    private final LocalFunction function;
    private final BiFunction<S3Event, Context, ?> handler;
    private final Clock clock;
    private final Map<String, String> delivered = new HashMap<>();
    private final AtomicLong sequencer = new AtomicLong();
    private final ScheduledExecutorService timer;

    private S3UploadWatcher(S3Client s3, String bucket, String prefix, String region, LocalFunction function,
                            BiFunction<S3Event, Context, ?> handler, Clock clock) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.region = Objects.requireNonNull(region, "region");
        this.function = Objects.requireNonNull(function, "function");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "s3-upload-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    public static S3UploadWatcher start(S3Client s3, String bucket, String prefix, String region,
                                        LocalFunction function, BiFunction<S3Event, Context, ?> handler,
                                        Duration interval, Clock clock) {
        S3UploadWatcher w = new S3UploadWatcher(s3, bucket, prefix, region, function, handler, clock);
        w.markExistingAsDelivered();
        long millis = Math.max(10, interval.toMillis());
        w.timer.scheduleWithFixedDelay(w::pollSafely, millis, millis, TimeUnit.MILLISECONDS);
        return w;
    }

    /** Objects uploaded before the trigger existed start nothing, as on S3. */
    private void markExistingAsDelivered() {
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            delivered.put(object.key(), unquote(object.eTag()));
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("watching s3://{}/{} failed: {}", bucket, prefix, e.toString());
        }
    }

    /** One scan: delivers an event per new key/ETag pair, in key order. */
    void poll() {
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            if (object.key().endsWith("/")) {
                continue;
            }
            String etag = unquote(object.eTag());
            if (etag.equals(delivered.get(object.key()))) {
                continue;
            }
            S3Event event = eventFor(object.key(), object.size(), etag);
            try {
                function.invoke(ctx -> handler.apply(event, ctx));
                delivered.put(object.key(), etag);
            } catch (FunctionError e) {
                LOG.warn("the S3 trigger failed for s3://{}/{}: {} (retried on the next scan)", bucket, object.key(),
                        e.toString());
            }
        }
    }

    private S3Event eventFor(String key, long size, String etag) {
        Instant now = clock.instant();
        var userIdentity = new S3EventNotification.UserIdentityEntity("AWS:LOCAL");
        var bucketEntity = new S3EventNotification.S3BucketEntity(bucket, userIdentity, "arn:aws:s3:::" + bucket);
        var objectEntity = new S3EventNotification.S3ObjectEntity(encodeKey(key), size, etag, null,
                HexFormat.of().withUpperCase().toHexDigits(sequencer.incrementAndGet()));
        var s3Entity = new S3EventNotification.S3Entity("fanout-upload-trigger", bucketEntity, objectEntity, "1.0");
        var record = new S3EventNotification.S3EventNotificationRecord(region, "ObjectCreated:Put", "aws:s3",
                now.toString(), "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity(UUID.randomUUID().toString(), "local"),
                s3Entity, userIdentity);
        return new S3Event(List.of(record));
    }

    /** S3 event keys are URL-encoded form style: spaces become '+', '/' is kept. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String unquote(String etag) {
        return etag != null && etag.length() >= 2 && etag.startsWith("\"") ? etag.substring(1, etag.length() - 1)
                : String.valueOf(etag);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
