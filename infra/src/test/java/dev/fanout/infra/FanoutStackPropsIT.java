package dev.fanout.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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

        assertThat(props.sizing().workerMaxConcurrency()).isEqualTo(250);
        assertThat(props.sizing().workerBatchSize()).isEqualTo(4);
        assertThat(props.sizing().mapMaxConcurrency()).isEqualTo(1000);
        assertThat(props.workDataExpirationDays()).isEqualTo(3);
        assertThat(props.autoDeleteObjects()).isTrue();
        assertThat(props.lambdaJar()).isEqualTo(
                LambdaJar.repositoryRoot(Path.of("")).resolve(LambdaJar.RELATIVE_PATH).toAbsolutePath());
    }

    @Test
    void withoutContextEverythingTakesItsDefault() {
        FanoutStackProps props = fromContext(Map.of());

        assertThat(props.sizing()).isEqualTo(PipelineSizing.defaults());
        assertThat(props.workDataExpirationDays()).isEqualTo(FanoutStackProps.DEFAULT_WORK_DATA_EXPIRATION_DAYS);
        assertThat(props.autoDeleteObjects()).isFalse();
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
