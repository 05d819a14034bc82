package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.deployment.Deployment;
import dev.fanout.deployment.DeploymentSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/** Reading the stack's settings from CDK context (a jsii App, hence an IT). */
class FanoutStackPropsIT {

    private static FanoutStackProps fromContext(Map<String, Object> context) {
        App app = App.Builder.create().context(context).build();
        return FanoutStackProps.fromContext(app.getNode());
    }

    @Test
    void takesNumbersFromCdkJsonAndStringsFromTheCommandLine() {
        FanoutStackProps props = fromContext(Map.of(
                FanoutStackProps.WORKER_MAX_CONCURRENCY, "250",
                FanoutStackProps.WORKER_BATCH_SIZE, 4,
                FanoutStackProps.WORK_DATA_EXPIRATION_DAYS, 3,
                FanoutStackProps.AUTO_DELETE_OBJECTS, "true"));

        assertThat(props.settings().workerMaxConcurrency()).isEqualTo(250);
        assertThat(props.settings().workerBatchSize()).isEqualTo(4);
        assertThat(Deployment.of(props.settings()).mapMaxConcurrency()).isEqualTo(1000);
        assertThat(props.settings().workDataExpirationDays()).isEqualTo(3);
        assertThat(props.autoDeleteObjects()).isTrue();
        assertThat(props.lambdaJar()).isEqualTo(
                LambdaJar.repositoryRoot(Path.of("")).resolve(LambdaJar.RELATIVE_PATH).toAbsolutePath());
    }

    @Test
    void withoutContextEverythingTakesItsDefault() {
        FanoutStackProps props = fromContext(Map.of());

        assertThat(props.settings()).isEqualTo(DeploymentSettings.defaults());
        assertThat(props.autoDeleteObjects()).isFalse();
    }

    @Test
    void theHeartbeatAndTimeoutKeysAreSeconds() {
        FanoutStackProps props = fromContext(Map.of(
                FanoutStackProps.HEARTBEAT_SECONDS, 90,
                FanoutStackProps.WORKER_TIMEOUT_SECONDS, "600",
                FanoutStackProps.MAX_RECEIVE_COUNT, 5,
                FanoutStackProps.WORKER_MEMORY_MB, "4096"));

        assertThat(props.settings()).isEqualTo(DeploymentSettings.defaults()
                .withBaseHeartbeat(Duration.ofSeconds(90)).withWorkerTimeout(Duration.ofSeconds(600))
                .withMaxReceiveCount(5).withWorkerMemoryMb(4096));
    }

    @Test
    void aValueAwsWouldRefuseIsRefusedBeforeSynthesis() {
        assertThatThrownBy(() -> fromContext(Map.of(FanoutStackProps.WORKER_MAX_CONCURRENCY, 1001)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fanout:")
                .hasMessageContaining("workerMaxConcurrency");
    }

    @Test
    void aValueThatIsNotAWholeNumberIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> fromContext(Map.of(FanoutStackProps.HEARTBEAT_SECONDS, "2m")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FanoutStackProps.HEARTBEAT_SECONDS);
        assertThatThrownBy(() -> fromContext(Map.of(FanoutStackProps.HEARTBEAT_SECONDS, 12.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FanoutStackProps.HEARTBEAT_SECONDS);
    }
}
