package dev.fanout.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fanout.core.cost.FunctionMemory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {
    private static final Map<String, String> BUCKETS = Map.of("INPUT_BUCKET", "i", "WORK_BUCKET", "w",
            "RESULTS_BUCKET", "r");

    @Test
    void numbersDefaultWhenAbsent() {
        PipelineSettings s = PipelineSettings.fromEnv(BUCKETS);
        assertThat(s).isEqualTo(new PipelineSettings("i", "w", "r", 100, 139, 64L << 20, 10_000, 3, 32,
                new FunctionMemory(1024, 2048, 2048), Limits.defaults(), new WorkerTiming(
                java.time.Duration.ofMillis(46_333), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(30)),
                6_000));
    }

    @Test
    void numbersComeFromTheEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(BUCKETS);
        env.putAll(Map.of("MAX_CONCURRENCY", "250", "HEARTBEAT_SECONDS", "60", "DEFAULT_CHUNK_SIZE_BYTES", "1048576",
                "DEFAULT_CHUNK_SIZE_ITEMS", "500", "MAX_RECEIVE_COUNT", "5", "REDUCER_READ_CONCURRENCY", "8",
                "WORKER_MEMORY_MB", "1769"));
        env.putAll(Map.of("SPLITTER_MEMORY_MB", "3008", "REDUCER_MEMORY_MB", "4096", "HEARTBEAT_INTERVAL_MILLIS", "1000",
                "RETRY_BACKOFF_BASE_MILLIS", "50", "RETRY_BACKOFF_CAP_MILLIS", "600", "REDUCER_MAX_PARTIALS", "250"));
        assertThat(PipelineSettings.fromEnv(env)).isEqualTo(new PipelineSettings("i", "w", "r", 250, 60, 1 << 20,
                500, 5, 8, new FunctionMemory(3008, 1769, 4096), Limits.defaults(), new WorkerTiming(
                java.time.Duration.ofSeconds(1), java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(600)),
                250));
    }

    @Test
    void bucketsAreRequiredAndNumbersChecked() {
        assertThatThrownBy(() -> PipelineSettings.fromEnv(Map.of("INPUT_BUCKET", "i")))
                .hasMessageContaining("WORK_BUCKET is required");
        Map<String, String> env = new java.util.HashMap<>(BUCKETS);
        env.put("MAX_CONCURRENCY", "lots");
        assertThatThrownBy(() -> PipelineSettings.fromEnv(env)).hasMessageContaining("MAX_CONCURRENCY");
        env.put("MAX_CONCURRENCY", "0");
        assertThatThrownBy(() -> PipelineSettings.fromEnv(env)).hasMessageContaining("MAX_CONCURRENCY must be positive");
        env.put("MAX_CONCURRENCY", "5");
        env.put("RETRY_BACKOFF_CAP_MILLIS", "0");
        assertThatThrownBy(() -> PipelineSettings.fromEnv(env))
                .hasMessageContaining("RETRY_BACKOFF_CAP_MILLIS must be positive");
        env.put("RETRY_BACKOFF_CAP_MILLIS", "10");
        env.put("RETRY_BACKOFF_BASE_MILLIS", "20");
        assertThatThrownBy(() -> PipelineSettings.fromEnv(env)).hasMessageContaining("below its base");
    }

    @Test
    void keysAreDeterministicAndSortInChunkOrder() {
        assertThat(Keys.manifest("j")).isEqualTo("jobs/j/manifest.json");
        assertThat(Keys.partial("j", 42)).isEqualTo("jobs/j/partials/000042");
        assertThat(Keys.failure("j", 7)).isEqualTo("jobs/j/failures/000007");
        assertThat(Keys.inlineInput("j")).isEqualTo("inline/j.json");
        assertThat(Keys.result("j", "result.json")).isEqualTo("results/j/result.json");
        assertThat(Keys.summary("j")).isEqualTo("results/j/summary.json");
        assertThat(Keys.partial("j", 9).compareTo(Keys.partial("j", 10))).isNegative();
        assertThat(Keys.indexOf(Keys.partial("j", 1234567))).isEqualTo(1234567);
        assertThat(Keys.indexOf("jobs/j/partials/x")).isEqualTo(-1);
    }
}
