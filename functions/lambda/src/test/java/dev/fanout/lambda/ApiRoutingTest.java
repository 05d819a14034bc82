package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.fanout.deployment.ApiRoute;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API Gateway's proxy events reach the contract's routes (the route table itself is tested in fanout-deployment). */
class ApiRoutingTest {

    @Test
    void routesPostJobsByItsResourceTemplate() {
        assertThat(ApiHandler.resolve(EventLoader.loadApiGatewayRestEvent("events/api-post-jobs.json")))
                .isEqualTo(new ApiRoute.Matched(ApiRoute.SUBMIT_JOB, Map.of()));
    }

    @Test
    void routesGetJobWithItsPathParameter() {
        assertThat(ApiHandler.resolve(EventLoader.loadApiGatewayRestEvent("events/api-get-job.json")))
                .isEqualTo(new ApiRoute.Matched(ApiRoute.GET_JOB, Map.of("jobId", "job-42")));
    }

    @Test
    void withoutAResourceTemplateRoutesByPath() {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent().withHttpMethod("GET")
                .withPath("/jobs/abc/");

        assertThat(ApiHandler.resolve(event)).isEqualTo(new ApiRoute.Matched(ApiRoute.GET_JOB, Map.of("jobId", "abc")));
        assertThat(ApiHandler.resolve(event.withResource(""))).isInstanceOf(ApiRoute.Matched.class);
        assertThat(ApiHandler.resolve(event.withHttpMethod("DELETE"))).isEqualTo(new ApiRoute.MethodNotAllowed("GET"));
    }
}
