package dev.fanout.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WiringTest {
    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_BUCKET", "in");
        env.put("WORK_BUCKET", "work");
        env.put("RESULTS_BUCKET", "results");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "x");
        env.put("AWS_SECRET_ACCESS_KEY", "y");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
        return env;
    }

    @Test
    void readsSettingsAndFindsTheBuiltInJobs() {
        Map<String, String> env = env();
        env.put("MAX_RECEIVE_COUNT", "7");
        try (Wiring wiring = Wiring.from(env)) {
            assertThat(wiring.settings().inputBucket()).isEqualTo("in");
            assertThat(wiring.settings().maxReceiveCount()).isEqualTo(7);
            assertThat(wiring.jobs().names()).contains("wordcount", "csv-aggregate", "double");
        }
    }

    @Test
    void buildsEachServiceOnce() {
        try (Wiring wiring = Wiring.from(env())) {
            assertThat(wiring.worker()).isSameAs(wiring.worker());
            assertThat(wiring.clients().s3()).isSameAs(wiring.clients().s3());
            assertThat(wiring.metrics()).isSameAs(wiring.metrics());
        }
    }

    @Test
    void failsNamingAMissingBucket() {
        Map<String, String> env = env();
        env.remove("WORK_BUCKET");

        assertThatThrownBy(() -> Wiring.from(env)).hasMessageContaining("WORK_BUCKET");
    }

    @Test
    void needsTheStateMachineArnOnlyForSubmissions() {
        try (Wiring wiring = Wiring.from(env())) {
            assertThat(wiring.splitter()).isNotNull();
            assertThatThrownBy(wiring::submission)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("STATE_MACHINE_ARN");
        }
    }
}
