package dev.fanout.local.runtime.apigw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.deployment.ApiRoute;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract's routes as the local API serves them: with or without the stage prefix, 403 for anything else. */
class RouteTest {

    @Test
    void postJobs() {
        assertThat(JobsApiServer.Route.match("POST", "/jobs"))
                .isEqualTo(new JobsApiServer.Route(ApiRoute.SUBMIT_JOB, "/jobs", Map.of()));
        assertThat(JobsApiServer.Route.match("POST", "/jobs/")).isNotNull();
    }

    @Test
    void getJob_takesTheDecodedIdAsPathParameter() {
        assertThat(JobsApiServer.Route.match("GET", "/jobs/abc-123"))
                .isEqualTo(new JobsApiServer.Route(ApiRoute.GET_JOB, "/jobs/abc-123", Map.of("jobId", "abc-123")));
        assertThat(JobsApiServer.Route.match("GET", "/jobs/a%20b").pathParameters()).containsEntry("jobId", "a b");
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
