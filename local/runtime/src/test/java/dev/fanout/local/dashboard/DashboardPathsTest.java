package dev.fanout.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.deployment.ApiRoute;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's paths and the REST API's routes ({@link ApiRoute}) never meet. */
class DashboardPathsTest {
    private static final List<String> DASHBOARD_PATHS = List.of("/", "/_dashboard/static/dashboard.js",
            "/_dashboard/api/jobs", "/_dashboard/api/jobs/job-1", "/_dashboard/api/jobs/job-1/failures",
            "/_dashboard/api/jobs/job-1/redrive", "/_dashboard/api/dead-letters", "/_dashboard/files/job-1/result");

    @Test
    void noApiRouteAnswersADashboardPath() {
        for (String path : DASHBOARD_PATHS) {
            assertThat(Dashboard.owns(path)).as(path).isTrue();
            for (String method : List.of("GET", "POST")) {
                assertThat(ApiRoute.resolve(method, path)).as(method + " " + path).isInstanceOf(ApiRoute.NotFound.class);
            }
        }
    }

    @Test
    void theDashboardOwnsNoPathOfAnApiRoute() {
        for (ApiRoute route : ApiRoute.values()) {
            String path = route.resource().replaceAll("\\{[^}]+}", "x");
            assertThat(Dashboard.owns(path)).as(route.name()).isFalse();
            assertThat(Dashboard.owns("/" + ApiRoute.STAGE + path)).as(route.name()).isFalse();
        }
        assertThat(Dashboard.owns("/local/jobs")).isFalse();
        assertThat(Dashboard.owns("/_dashboardx")).isFalse();
    }
}
