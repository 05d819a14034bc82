package dev.fanout.local.runtime.apigw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The REST API's resources: POST /jobs and GET /jobs/{jobId}, with or without the stage prefix. */
class RouteTest {

    @Test
    void postJobs() {
        assertThat(JobsApiServer.Route.match("POST", "/jobs"))
                .isEqualTo(new JobsApiServer.Route("POST", "/jobs", "/jobs", Map.of()));
        assertThat(JobsApiServer.Route.match("POST", "/jobs/")).isNotNull();
    }

    @Test
    void getJob_takesTheIdAsPathParameter() {
        assertThat(JobsApiServer.Route.match("GET", "/jobs/abc-123"))
                .isEqualTo(new JobsApiServer.Route("GET", "/jobs/{jobId}", "/jobs/abc-123", Map.of("jobId", "abc-123")));
    }

    @Test
    void acceptsTheStagePrefix() {
        assertThat(JobsApiServer.Route.match("GET", "/local/jobs/x").pathParameters()).containsEntry("jobId", "x");
        assertThat(JobsApiServer.Route.match("POST", "/local/jobs").resource()).isEqualTo("/jobs");
    }

    @Test
    void everythingElseIsNotARoute() {
        assertThat(JobsApiServer.Route.match("GET", "/jobs")).isNull();
        assertThat(JobsApiServer.Route.match("PUT", "/jobs/x")).isNull();
        assertThat(JobsApiServer.Route.match("GET", "/jobs/x/y")).isNull();
        assertThat(JobsApiServer.Route.match("GET", "/")).isNull();
        assertThat(JobsApiServer.Route.match("DELETE", "/jobs/x")).isNull();
    }
}
