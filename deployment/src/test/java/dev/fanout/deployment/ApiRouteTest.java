package dev.fanout.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApiRouteTest {

    @Test
    void theTableHasThreeRoutes() {
        assertThat(ApiRoute.SUBMIT_JOB.method()).isEqualTo("POST");
        assertThat(ApiRoute.SUBMIT_JOB.resource()).isEqualTo("/jobs");
        assertThat(ApiRoute.SUBMIT_JOB.jsonBody()).isTrue();
        assertThat(ApiRoute.SUBMIT_JOB.pathParameters()).isEmpty();
        assertThat(ApiRoute.GET_JOB.method()).isEqualTo("GET");
        assertThat(ApiRoute.GET_JOB.pathParts()).containsExactly("jobs", "{jobId}");
        assertThat(ApiRoute.GET_JOB.pathParameters()).containsExactly("jobId");
        assertThat(ApiRoute.GET_JOB.jsonBody()).isFalse();
        assertThat(ApiRoute.REDRIVE_JOB.method()).isEqualTo("POST");
        assertThat(ApiRoute.REDRIVE_JOB.pathParts()).containsExactly("jobs", "{jobId}", "redrive");
        assertThat(ApiRoute.REDRIVE_JOB.pathParameters()).containsExactly("jobId");
        assertThat(ApiRoute.REDRIVE_JOB.jsonBody()).isFalse();
        assertThat(ApiRoute.values()).hasSize(3);
    }

    @Test
    void aRedriveIsAPostOnTheJobsRedriveResource() {
        assertThat(ApiRoute.resolve("POST", "/jobs/job-7/redrive"))
                .isEqualTo(new ApiRoute.Matched(ApiRoute.REDRIVE_JOB, Map.of("jobId", "job-7")));
        assertThat(ApiRoute.resolve("GET", "/jobs/job-7/redrive")).isEqualTo(new ApiRoute.MethodNotAllowed("POST"));
        assertThat(ApiRoute.resolveResource("POST", "/jobs/{jobId}/redrive", Map.of("jobId", "job-7")))
                .isEqualTo(new ApiRoute.Matched(ApiRoute.REDRIVE_JOB, Map.of("jobId", "job-7")));
    }

    @Nested
    class ByPath {
        @Test
        void routesJobsAndOneJob_toleratingATrailingSlashAndAnyCase() {
            assertThat(ApiRoute.resolve("post", "/jobs/")).isEqualTo(new ApiRoute.Matched(ApiRoute.SUBMIT_JOB, Map.of()));
            assertThat(ApiRoute.resolve("GET", "/jobs/abc"))
                    .isEqualTo(new ApiRoute.Matched(ApiRoute.GET_JOB, Map.of("jobId", "abc")));
            assertThat(ApiRoute.resolve("GET", "/jobs/abc/"))
                    .isEqualTo(new ApiRoute.Matched(ApiRoute.GET_JOB, Map.of("jobId", "abc")));
        }

        @Test
        void leavesPathParametersAsSent() {
            assertThat(ApiRoute.resolve("GET", "/jobs/a%20b"))
                    .isEqualTo(new ApiRoute.Matched(ApiRoute.GET_JOB, Map.of("jobId", "a%20b")));
        }

        @Test
        void refusesOtherMethodsNamingTheAllowedOne() {
            assertThat(ApiRoute.resolve("GET", "/jobs")).isEqualTo(new ApiRoute.MethodNotAllowed("POST"));
            assertThat(ApiRoute.resolve("DELETE", "/jobs/x")).isEqualTo(new ApiRoute.MethodNotAllowed("GET"));
            assertThat(ApiRoute.resolve(null, "/jobs/x")).isEqualTo(new ApiRoute.MethodNotAllowed("GET"));
        }

        @Test
        void findsNothingDeeperOrElsewhere() {
            assertThat(ApiRoute.resolve("GET", "/jobs/a/b")).isEqualTo(new ApiRoute.NotFound());
            assertThat(ApiRoute.resolve("POST", "/jobs/a/redrive/b")).isEqualTo(new ApiRoute.NotFound());
            assertThat(ApiRoute.resolve("GET", "/jobs//")).isEqualTo(new ApiRoute.NotFound());
            assertThat(ApiRoute.resolve("GET", "/")).isEqualTo(new ApiRoute.NotFound());
            assertThat(ApiRoute.resolve("GET", "/health")).isEqualTo(new ApiRoute.NotFound());
            assertThat(ApiRoute.resolve("GET", "jobs")).isEqualTo(new ApiRoute.NotFound());
            assertThat(ApiRoute.resolve("GET", null)).isEqualTo(new ApiRoute.NotFound());
        }
    }

    @Nested
    class ByApiGatewayResource {
        @Test
        void routesByTheTemplateWithItsPathParameter() {
            assertThat(ApiRoute.resolveResource("POST", "/jobs", null))
                    .isEqualTo(new ApiRoute.Matched(ApiRoute.SUBMIT_JOB, Map.of()));
            assertThat(ApiRoute.resolveResource("GET", "/jobs/{jobId}", Map.of("jobId", "job-42")))
                    .isEqualTo(new ApiRoute.Matched(ApiRoute.GET_JOB, Map.of("jobId", "job-42")));
        }

        @Test
        void refusesOtherMethods_andATemplateWithoutItsParameter() {
            assertThat(ApiRoute.resolveResource("DELETE", "/jobs/{jobId}", Map.of("jobId", "x")))
                    .isEqualTo(new ApiRoute.MethodNotAllowed("GET"));
            assertThat(ApiRoute.resolveResource("GET", "/jobs/{jobId}", Map.of())).isEqualTo(new ApiRoute.NotFound());
            assertThat(ApiRoute.resolveResource("GET", "/health", null)).isEqualTo(new ApiRoute.NotFound());
        }
    }
}
