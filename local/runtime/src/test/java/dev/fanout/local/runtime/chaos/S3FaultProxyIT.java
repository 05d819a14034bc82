package dev.fanout.local.runtime.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.local.runtime.services.EmbeddedS3;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The fault proxy in front of s3proxy, with the SDK's S3 client as the functions build it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3FaultProxyIT {
    private EmbeddedS3 s3;
    private S3FaultProxy proxy;
    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    private final List<String> passed = new CopyOnWriteArrayList<>();
    private volatile S3FaultProxy.S3Error error = S3FaultProxy.S3Error.SLOW_DOWN;

    @BeforeAll
    void start() {
        s3 = EmbeddedS3.start(null, 0);
        proxy = S3FaultProxy.start(s3.endpoint(), new S3FaultProxy.Faults() {
            @Override
            public Optional<S3FaultProxy.S3Error> strike(S3FaultProxy.Request request) {
                return failOnce.remove(request.identity()) ? Optional.of(error) : Optional.empty();
            }

            @Override
            public void passed(S3FaultProxy.Request request) {
                passed.add(request.identity());
            }
        });
        try (S3Client direct = client(s3.endpoint(), 3)) {
            direct.createBucket(b -> b.bucket("bkt"));
        }
    }

    @AfterAll
    void stop() {
        proxy.close();
        s3.close();
    }

    private static S3Client client(URI endpoint, int attempts) {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(endpoint).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b
                        .maxAttempts(attempts)))
                .build();
    }

    @Test
    void passesEveryRequestThroughByteForByte() {
        byte[] body = "line one\nline two\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        try (S3Client s3 = client(proxy.endpoint(), 1)) {
            s3.putObject(b -> b.bucket("bkt").key("through.txt").metadata(java.util.Map.of("records", "2")),
                    RequestBody.fromBytes(body));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("bkt").key("through.txt")).asByteArray()).isEqualTo(body);
            assertThat(s3.getObjectAsBytes(b -> b.bucket("bkt").key("through.txt").range("bytes=9-16")).asUtf8String())
                    .isEqualTo("line two");
            assertThat(s3.headObject(b -> b.bucket("bkt").key("through.txt")).metadata()).containsEntry("records", "2");
            assertThat(s3.listObjectsV2(b -> b.bucket("bkt").prefix("through")).contents()).hasSize(1);
        }
    }

    @Test
    void answersS3sErrorsWhichTheSdkReadsAsS3s() {
        try (S3Client s3 = client(proxy.endpoint(), 1)) {
            s3.putObject(b -> b.bucket("bkt").key("e.txt"), RequestBody.fromString("x"));
            error = S3FaultProxy.S3Error.SLOW_DOWN;
            failOnce.add("GET /bkt/e.txt");
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("bkt").key("e.txt")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                        assertThat(e.isThrottlingException()).isTrue();
                    });
            error = S3FaultProxy.S3Error.INTERNAL_ERROR;
            failOnce.add("PUT /bkt/f.txt");
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("bkt").key("f.txt"), RequestBody.fromString("y")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
                    });
        }
    }

    @Test
    void theSdksOwnRetryAbsorbsAFaultedRequest() {
        try (S3Client s3 = client(proxy.endpoint(), 3)) {
            failOnce.add("PUT /bkt/retried.txt");
            failOnce.add("GET /bkt/retried.txt bytes=0-2");
            s3.putObject(b -> b.bucket("bkt").key("retried.txt"), RequestBody.fromString("abcdef"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("bkt").key("retried.txt").range("bytes=0-2")).asUtf8String())
                    .isEqualTo("abc");
            assertThat(failOnce).isEmpty();
            assertThat(passed).contains("PUT /bkt/retried.txt", "GET /bkt/retried.txt bytes=0-2");
        }
    }
}
