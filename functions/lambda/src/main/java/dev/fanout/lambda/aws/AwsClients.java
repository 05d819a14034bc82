package dev.fanout.lambda.aws;

import dev.fanout.core.config.EnvVar;
import dev.fanout.lambda.internal.Once;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients of one container, each built on first use and then shared: the lightweight
 * URL-connection HTTP client, the region from {@code AWS_REGION}, endpoint overrides from
 * {@code AWS_ENDPOINT_URL[_S3|_SQS|_SFN]} (local servers, LocalStack), static credentials when the map
 * holds them, path-style S3 addressing when {@code S3_FORCE_PATH_STYLE=true}.
 *
 * <pre>{@code
 * try (AwsClients clients = AwsClients.from(Map.of("AWS_REGION", "us-east-1",
 *         "AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "S3_FORCE_PATH_STYLE", "true"))) {
 *     clients.s3().listBuckets();
 * }
 * }</pre>
 */
public final class AwsClients implements AutoCloseable {
    private static final String DEFAULT_REGION = "us-east-1";
    private static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";

    private final Map<String, String> env;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final Once<S3Client> s3;
    private final Once<SfnClient> sfn;
    private final Once<SqsClient> sqs;

    private AwsClients(Map<String, String> env, AwsCredentialsProvider credentials) {
        this.env = Map.copyOf(env);
        this.region = Region.of(value(EnvVar.AWS_REGION).orElse(DEFAULT_REGION));
        this.credentials = credentials;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
        this.s3 = new Once<>(this::buildS3);
        this.sfn = new Once<>(this::buildSfn);
        this.sqs = new Once<>(this::buildSqs);
    }

    /** Clients configured from {@code env}; credentials from the map when it holds a key pair, else the SDK's chain. */
    public static AwsClients from(Map<String, String> env) {
        return new AwsClients(env, credentialsOf(env).orElseGet(() -> DefaultCredentialsProvider.builder().build()));
    }

    /**
     * Clients for a Lambda container: settings from the process environment, credentials always from the SDK's
     * default chain (it refreshes them, including after a SnapStart restore).
     */
    public static AwsClients fromProcessEnvironment() {
        return new AwsClients(System.getenv(), DefaultCredentialsProvider.builder().build());
    }

    public S3Client s3() {
        return s3.get();
    }

    public SfnClient sfn() {
        return sfn.get();
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    /** Whether {@link #sqs()} has been called (the worker's wiring builds it; the other functions never do). */
    public boolean hasSqs() {
        return sqs.ifBuilt() != null;
    }

    private S3Client buildS3() {
        var builder = S3Client.builder()
                .httpClient(http)
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(Boolean.parseBoolean(value(EnvVar.S3_FORCE_PATH_STYLE).orElse("false")));
        Optional<URI> endpoint = endpoint(EnvVar.AWS_ENDPOINT_URL_S3);
        endpoint.ifPresent(uri -> builder.endpointOverride(uri)
                // S3-compatible servers do not all speak the newer default checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return builder.build();
    }

    private SfnClient buildSfn() {
        var builder = SfnClient.builder().httpClient(http).region(region).credentialsProvider(credentials);
        endpoint(EnvVar.AWS_ENDPOINT_URL_SFN).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private SqsClient buildSqs() {
        var builder = SqsClient.builder().httpClient(http).region(region).credentialsProvider(credentials);
        endpoint(EnvVar.AWS_ENDPOINT_URL_SQS).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The service's own override, else the general one. */
    Optional<URI> endpoint(EnvVar serviceVariable) {
        return value(serviceVariable).or(() -> value(EnvVar.AWS_ENDPOINT_URL)).map(URI::create);
    }

    Region region() {
        return region;
    }

    private Optional<String> value(EnvVar name) {
        return Optional.ofNullable(env.get(name.name())).filter(v -> !v.isBlank());
    }

    static Optional<AwsCredentialsProvider> credentialsOf(Map<String, String> env) {
        String key = env.get(EnvVar.AWS_ACCESS_KEY_ID.name());
        String secret = env.get(EnvVar.AWS_SECRET_ACCESS_KEY.name());
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        String token = env.get(SESSION_TOKEN);
        return Optional.of(StaticCredentialsProvider.create(token == null || token.isBlank()
                ? AwsBasicCredentials.create(key, secret)
                : AwsSessionCredentials.create(key, secret, token)));
    }

    @Override
    public void close() {
        closeQuietly(s3.ifBuilt());
        closeQuietly(sfn.ifBuilt());
        closeQuietly(sqs.ifBuilt());
        http.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort; nothing is lost when a client fails to release a connection
        }
    }
}
