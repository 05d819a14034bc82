package dev.fanout.lambda.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fanout.core.config.EnvVar;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;

class AwsClientsTest {

    @Test
    void prefersTheServicesOwnEndpointOverTheGeneralOne() {
        try (AwsClients clients = AwsClients.from(Map.of(
                EnvVar.AWS_ENDPOINT_URL.name(), "http://localhost:4566",
                EnvVar.AWS_ENDPOINT_URL_S3.name(), "http://localhost:9000"))) {
            assertThat(clients.endpoint(EnvVar.AWS_ENDPOINT_URL_S3)).contains(URI.create("http://localhost:9000"));
            assertThat(clients.endpoint(EnvVar.AWS_ENDPOINT_URL_SFN)).contains(URI.create("http://localhost:4566"));
        }
    }

    @Test
    void hasNoEndpointOverrideOnAws_andTheRegionFromTheMap() {
        try (AwsClients clients = AwsClients.from(Map.of(EnvVar.AWS_REGION.name(), "eu-central-1"))) {
            assertThat(clients.endpoint(EnvVar.AWS_ENDPOINT_URL_SQS)).isEmpty();
            assertThat(clients.region()).isEqualTo(Region.EU_CENTRAL_1);
        }
    }

    @Test
    void takesStaticCredentialsFromTheMap_withASessionTokenWhenGiven() {
        var basic = AwsClients.credentialsOf(Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "secret"))
                .orElseThrow().resolveCredentials();
        var session = AwsClients.credentialsOf(Map.of("AWS_ACCESS_KEY_ID", "ASIA", "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "token")).orElseThrow().resolveCredentials();

        assertThat(basic.accessKeyId()).isEqualTo("AKID");
        assertThat(basic.secretAccessKey()).isEqualTo("secret");
        assertThat(session).isInstanceOfSatisfying(AwsSessionCredentials.class,
                s -> assertThat(s.sessionToken()).isEqualTo("token"));
    }

    @Test
    void leavesCredentialsToTheSdk_whenTheMapHasNoKeyPair() {
        assertThat(AwsClients.credentialsOf(Map.of("AWS_ACCESS_KEY_ID", "AKID"))).isEmpty();
        assertThat(AwsClients.credentialsOf(Map.of())).isEmpty();
    }
}
