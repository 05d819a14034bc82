package dev.fanout.local.runtime.apigw;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.fanout.local.runtime.lambda.FunctionConfig;
import dev.fanout.local.runtime.lambda.LocalFunction;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP requests become API Gateway proxy events (REST API v1 shape); responses go back as sent. */
class JobsApiServerIT {
    private final LocalFunction function = new LocalFunction(
            new FunctionConfig("api", Duration.ofSeconds(5), 1024, "us-east-1", "000000000000"), Clock.systemUTC());
    private final AtomicReference<APIGatewayProxyRequestEvent> received = new AtomicReference<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private JobsApiServer server;

    @AfterEach
    void stop() {
        server.close();
        function.close();
    }

    private void start(APIGatewayProxyResponseEvent response) {
        server = JobsApiServer.start(0, function, (event, ctx) -> {
            received.set(event);
            if (response == null) {
                throw new IllegalStateException("handler failed");
            }
            return response;
        }, Clock.systemUTC(), "000000000000");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void postJobs_deliversTheProxyEvent_andReturnsTheHandlersResponse() throws Exception {
        start(new APIGatewayProxyResponseEvent().withStatusCode(202)
                .withHeaders(Map.of("Content-Type", "application/json", "X-Job", "j1")).withBody("{\"jobId\":\"j1\"}"));

        HttpResponse<String> response = send(HttpRequest.newBuilder(server.endpoint().resolve("/jobs?dryRun=true"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"jobId\":\"j1\"}");
        assertThat(response.headers().firstValue("X-Job")).contains("j1");
        APIGatewayProxyRequestEvent event = received.get();
        assertThat(event.getResource()).isEqualTo("/jobs");
        assertThat(event.getPath()).isEqualTo("/jobs");
        assertThat(event.getHttpMethod()).isEqualTo("POST");
        assertThat(event.getBody()).isEqualTo("{\"a\":1}");
        assertThat(event.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(event.getQueryStringParameters()).containsEntry("dryRun", "true");
        assertThat(event.getPathParameters()).isNull();
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getRequestContext().getHttpMethod()).isEqualTo("POST");
        assertThat(event.getRequestContext().getResourcePath()).isEqualTo("/jobs");
        assertThat(event.getRequestContext().getStage()).isEqualTo(JobsApiServer.STAGE);
        assertThat(event.getRequestContext().getAccountId()).isEqualTo("000000000000");
        assertThat(event.getRequestContext().getRequestId()).isNotBlank();
        assertThat(event.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void getJob_passesTheJobIdAsPathParameter() throws Exception {
        start(new APIGatewayProxyResponseEvent().withStatusCode(404).withBody("{\"error\":\"NotFound\"}"));

        HttpResponse<String> response = send(HttpRequest.newBuilder(server.endpoint().resolve("/jobs/job-42")).GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(received.get().getResource()).isEqualTo("/jobs/{jobId}");
        assertThat(received.get().getPathParameters()).isEqualTo(Map.of("jobId", "job-42"));
        assertThat(received.get().getBody()).isNull();
    }

    @Test
    void anUndefinedRouteIsMissingAuthenticationToken_asApiGatewaySays() throws Exception {
        start(new APIGatewayProxyResponseEvent().withStatusCode(200));

        HttpResponse<String> response = send(HttpRequest.newBuilder(server.endpoint().resolve("/jobs")).GET());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Missing Authentication Token");
        assertThat(received.get()).isNull();
    }

    @Test
    void aFunctionErrorIsA502() throws Exception {
        start(null);

        HttpResponse<String> response = send(HttpRequest.newBuilder(server.endpoint().resolve("/jobs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("Internal server error");
    }
}
