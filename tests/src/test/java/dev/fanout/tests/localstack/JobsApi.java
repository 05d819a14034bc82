package dev.fanout.tests.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;

/**
 * The REST API as a client sees it: SigV4-signed requests (the API is IAM-authorized, as on AWS; LocalStack's
 * free images accept them without checking the signature).
 *
 * <pre>{@code
 * JobsApi api = new JobsApi(deployment.jobsUrl(endpoint), credentials, Region.US_EAST_1);
 * JobsApi.Response created = api.submit("{\"jobType\":\"wordcount\",\"input\":{\"s3Uri\":\"s3://in/a.txt\"}}");
 * }</pre>
 */
public final class JobsApi {

    /** Set by the HTTP client itself; it refuses them as user headers. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("host", "content-length", "connection", "expect");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI jobsUrl;
    private final AwsBasicCredentials credentials;
    private final Region region;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    public JobsApi(URI jobsUrl, AwsBasicCredentials credentials, Region region) {
        this.jobsUrl = jobsUrl;
        this.credentials = credentials;
        this.region = region;
    }

    /** A response's status code and body. */
    public record Response(int statusCode, String body) {
    }

    /** {@code POST /jobs}. */
    public Response submit(String requestJson) {
        return send(SdkHttpMethod.POST, jobsUrl, requestJson);
    }

    /** {@code GET /jobs/{jobId}}. */
    public Response status(String jobId) {
        return send(SdkHttpMethod.GET, URI.create(jobsUrl + "/" + jobId), null);
    }

    private Response send(SdkHttpMethod method, URI uri, String body) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().uri(uri).method(method);
        if (body != null) {
            unsigned.putHeader("Content-Type", "application/json");
        }
        SignedRequest signed = signer.sign(r -> r.identity(credentials)
                .request(unsigned.build())
                .payload(body == null ? null : ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .method(method.name(), body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (!RESTRICTED_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + uri, e);
        }
    }
}
