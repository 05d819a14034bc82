package dev.fanout.tests.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;

/** The client the LocalStack suite calls the REST API with, against a loopback HTTP server that records requests. */
class JobsApiSigningIT {

    private record Seen(String method, String path, Headers headers, String body) {
    }

    private final List<Seen> seen = new ArrayList<>();
    private HttpServer server;
    private JobsApi api;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (seen) {
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders(), new String(body, StandardCharsets.UTF_8)));
            }
            byte[] answer = "{\"jobId\":\"job-1\",\"status\":\"RUNNING\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        URI jobs = URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/restapis/abc/v1/_user_request_/jobs");
        api = new JobsApi(jobs, AwsBasicCredentials.create("AKIDEXAMPLE", "secret"), Region.EU_WEST_1);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void postsTheRequestSignedForExecuteApi() {
        JobsApi.Response response = api.submit("{\"jobType\":\"wordcount\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("job-1");
        Seen request = seen.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/restapis/abc/v1/_user_request_/jobs");
        assertThat(request.body()).isEqualTo("{\"jobType\":\"wordcount\"}");
        assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(request.headers().getFirst("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
        assertThat(request.headers().getFirst("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/execute-api/aws4_request")
                .contains("SignedHeaders=")
                .containsPattern("Signature=[0-9a-f]{64}$");
    }

    @Test
    void getsAJobByIdUnderTheJobsResource() {
        api.status("job-1");

        Seen request = seen.getFirst();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/restapis/abc/v1/_user_request_/jobs/job-1");
        assertThat(request.headers().getFirst("Authorization")).contains("/execute-api/aws4_request");
    }
}
