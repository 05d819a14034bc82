package dev.fanout.lambda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.JobStatus;
import dev.fanout.core.pipeline.Submitted;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ApiResponsesTest {

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws IOException {
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        return Json.mapper().readTree(response.getBody());
    }

    @Test
    void acceptedNamesTheJobAndWhereToFollowIt() throws IOException {
        APIGatewayProxyResponseEvent response = ApiResponses.accepted(new Submitted("job-1", JobStatus.RUNNING, false),
                "");

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getHeaders()).containsEntry("Location", "/jobs/job-1");
        JsonNode body = body(response);
        assertThat(body.path("jobId").asText()).isEqualTo("job-1");
        assertThat(body.path("status").asText()).isEqualTo("RUNNING");
        assertThat(body.path("statusUrl").asText()).isEqualTo("/jobs/job-1");
        assertThat(body.path("duplicate").asBoolean()).isFalse();
    }

    @Test
    void prefixesTheStatusUrlWithTheStage_whenTheCallersPathHasIt() throws IOException {
        String base = ApiResponses.basePath("prod", "/prod/jobs", "/jobs");

        APIGatewayProxyResponseEvent response = ApiResponses.accepted(new Submitted("job-2", JobStatus.RUNNING, true),
                base);

        assertThat(base).isEqualTo("/prod");
        assertThat(body(response).path("statusUrl").asText()).isEqualTo("/prod/jobs/job-2");
        assertThat(ApiResponses.basePath("prod", "/jobs", "/jobs")).as("custom domain").isEmpty();
        assertThat(ApiResponses.basePath(null, null, "/jobs")).as("local server").isEmpty();
    }

    @Test
    void invalidRequestNamesFieldAndProblem() throws IOException {
        APIGatewayProxyResponseEvent response = ApiResponses.invalidRequest("chunkSizeBytes", "must be positive");

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode body = body(response);
        assertThat(body.path("error").asText()).isEqualTo("InvalidRequest");
        assertThat(body.path("field").asText()).isEqualTo("chunkSizeBytes");
        assertThat(body.path("message").asText()).isEqualTo("chunkSizeBytes: must be positive");
    }

    @Test
    void methodNotAllowedSaysWhichMethodIs() throws IOException {
        APIGatewayProxyResponseEvent response = ApiResponses.methodNotAllowed("PUT", "POST");

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsEntry("Allow", "POST");
        assertThat(body(response).path("error").asText()).isEqualTo("MethodNotAllowed");
    }

    @Test
    void internalErrorTellsOnlyTheRequestId() throws IOException {
        APIGatewayProxyResponseEvent response = ApiResponses.internalError("req-9");

        assertThat(response.getStatusCode()).isEqualTo(500);
        JsonNode body = body(response);
        assertThat(body.path("error").asText()).isEqualTo("InternalError");
        assertThat(body.path("message").asText()).isEqualTo("internal error; request id req-9");
    }

    @Test
    void notFoundAndUnavailableHaveTheirStatuses() throws IOException {
        assertThat(ApiResponses.jobNotFound("x").getStatusCode()).isEqualTo(404);
        assertThat(body(ApiResponses.jobNotFound("x")).path("message").asText()).contains("'x'");
        assertThat(ApiResponses.routeNotFound("GET", "/nope").getStatusCode()).isEqualTo(404);
        assertThat(ApiResponses.unavailable().getStatusCode()).isEqualTo(503);
        assertThat(ApiResponses.unavailable().getHeaders()).containsKey("Retry-After");
    }
}
