package dev.fanout.lambda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApiRouteTest {

    private static ApiRoute route(APIGatewayProxyRequestEvent event) {
        return ApiRoute.resolve(event.getHttpMethod(), event.getResource(), event.getPath(), event.getPathParameters());
    }

    @Nested
    class ByApiGatewayResource {
        @Test
        void routesPostJobsToSubmission() {
            assertThat(route(EventLoader.loadApiGatewayRestEvent("events/api-post-jobs.json")))
                    .isEqualTo(new ApiRoute.SubmitJob());
        }

        @Test
        void routesGetJobWithItsPathParameter() {
            assertThat(route(EventLoader.loadApiGatewayRestEvent("events/api-get-job.json")))
                    .isEqualTo(new ApiRoute.GetJob("job-42"));
        }

        @Test
        void refusesOtherMethodsNamingTheAllowedOne() {
            assertThat(ApiRoute.resolve("GET", "/jobs", "/jobs", null)).isEqualTo(new ApiRoute.MethodNotAllowed("POST"));
            assertThat(ApiRoute.resolve("DELETE", "/jobs/{jobId}", "/jobs/x", Map.of("jobId", "x")))
                    .isEqualTo(new ApiRoute.MethodNotAllowed("GET"));
        }

        @Test
        void findsNoOtherResource() {
            assertThat(ApiRoute.resolve("GET", "/health", "/health", null)).isEqualTo(new ApiRoute.NotFound());
        }
    }

    @Nested
    class ByPathOnly {
        @Test
        void routesJobsAndOneJob_toleratingATrailingSlash() {
            assertThat(ApiRoute.resolve("post", null, "/jobs/", null)).isEqualTo(new ApiRoute.SubmitJob());
            assertThat(ApiRoute.resolve("GET", null, "/jobs/abc", null)).isEqualTo(new ApiRoute.GetJob("abc"));
            assertThat(ApiRoute.resolve("GET", "", "/jobs/abc/", null)).isEqualTo(new ApiRoute.GetJob("abc"));
        }

        @Test
        void findsNothingDeeperOrElsewhere() {
            assertThat(ApiRoute.resolve("GET", null, "/jobs/a/b", null)).isEqualTo(new ApiRoute.NotFound());
            assertThat(ApiRoute.resolve("GET", null, "/", null)).isEqualTo(new ApiRoute.NotFound());
            assertThat(ApiRoute.resolve("GET", null, null, null)).isEqualTo(new ApiRoute.NotFound());
        }
    }
}
